package io.spawn.proxy.grpc;

import com.google.protobuf.Descriptors.FileDescriptor;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.spawn.internal.operations.MessageTypes;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.proxy.config.InvalidProxyConfigurationException;
import io.spawn.proxy.config.SpawnProxyProperties;
import io.spawn.proxy.metrics.ActorCatalog;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Contract-first endpoints: the contracts of {@code spawn.proxy.grpc.descriptors-dir}, served by a gRPC server on
 * {@code spawn.proxy.grpc.port} and, where they carry {@code google.api.http} rules, as HTTP/JSON routes on the
 * protocol port. Off with {@code spawn.proxy.grpc.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "spawn.proxy.grpc.enabled", matchIfMissing = true)
class GrpcConfiguration {

	@Bean
	ActorContracts actorContracts(SpawnProxyProperties properties) {
		List<FileDescriptor> files = ContractLoader.loadFiles(properties.getGrpc().getDescriptorsDir());
		return new ActorContracts(files, ContractLoader.actorServices(files));
	}

	@Bean
	ContractInvoker contractInvoker(ActorRuntime runtime, ActorCatalog catalog, SpawnProxyProperties properties) {
		return new ContractInvoker(runtime, properties.getActorSystem(), catalog);
	}

	/** The directory's contracts, then those hosts send at registration. */
	@Bean
	LiveContracts liveContracts(ActorContracts contracts, ContractInvoker invoker, GrpcServerLifecycle server,
			SpawnProxyProperties properties) {
		return new LiveContracts(contracts, invoker, properties.getHttp().getMaxRequestSize().toBytes(), server);
	}

	/**
	 * The contracts' actor options win over what the host registers for those actors; contracts in a registration
	 * are served.
	 */
	@Bean
	ContractRegistrationCustomizer contractRegistrationCustomizer(LiveContracts contracts,
			SpawnProxyProperties properties) {
		return new ContractRegistrationCustomizer(properties.getActorSystem(), contracts::actors, contracts::register);
	}

	/** The contracts' message types, for the operations API to show protobuf states as JSON. */
	@Bean
	MessageTypes contractMessageTypes(LiveContracts contracts) {
		return contracts::findMessage;
	}

	/** HTTP/JSON routes from the contracts' google.api.http rules, on the protocol port. */
	@Bean
	RouterFunction<ServerResponse> actorContractHttpRoutes(LiveContracts contracts) {
		return contracts.routes();
	}

	@Bean
	GrpcServerLifecycle grpcServerLifecycle(ActorContracts contracts, ContractInvoker invoker,
			SpawnProxyProperties properties, ObjectProvider<ContractServerInterceptor> interceptors,
			ObjectProvider<SslBundles> sslBundles) {
		DynamicActorServices services = new DynamicActorServices(invoker);
		List<ServerServiceDefinition> definitions = contracts.actors().stream().map(services::definition).toList();
		int port = properties.getGrpc().getPort();
		if (port < 0 || port > 65535) {
			throw new InvalidProxyConfigurationException(
					"spawn.proxy.grpc.port must be between 0 and 65535, was " + port,
					"Set spawn.proxy.grpc.port to a free port, such as 9980.");
		}
		String bundle = properties.getGrpc().getSsl().getBundle();
		ServerCredentials credentials = StringUtils.hasText(bundle) ? ContractServerTls
			.credentials(sslBundles.getIfAvailable(), bundle, properties.getGrpc().getSsl().getClientAuth()) : null;
		return new GrpcServerLifecycle(port, definitions, interceptors.orderedStream().toList(), credentials);
	}

}
