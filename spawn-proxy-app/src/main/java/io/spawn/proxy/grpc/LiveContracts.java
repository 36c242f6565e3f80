package io.spawn.proxy.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The contracts the proxy serves: those of the descriptors directory, loaded at startup, then those hosts send in
 * their registrations ({@code RegistrationRequest.contracts}, ADR 0007). A registered service replaces a service of
 * the same full name in the gRPC registry and in the HTTP/JSON routes; the gRPC server starts with the first
 * contract if it did not run.
 */
final class LiveContracts {

	private final ContractInvoker invoker;

	private final long maxBodySize;

	private final GrpcServerLifecycle server;

	private final DynamicActorServices services;

	/** Contract files by name, in the order they arrived. */
	private final Map<String, FileDescriptor> files = new LinkedHashMap<>();

	/** Actor services by full name, in the order they arrived. */
	private final Map<String, ActorContract> actors = new LinkedHashMap<>();

	/** The last set a registration sent: hosts register again now and then, usually with the same set. */
	private ByteString lastRegistered = ByteString.EMPTY;

	private volatile List<ActorContract> current = List.of();

	private volatile RouterFunction<ServerResponse> routes = (request) -> Optional.empty();

	LiveContracts(ActorContracts directory, ContractInvoker invoker, long maxBodySize, GrpcServerLifecycle server) {
		this.invoker = invoker;
		this.maxBodySize = maxBodySize;
		this.server = server;
		this.services = new DynamicActorServices(invoker);
		// The directory's services are the server's from the start.
		merge(directory.files(), directory.actors());
	}

	/**
	 * The actor contracts served now.
	 * @return the contracts
	 */
	List<ActorContract> actors() {
		return this.current;
	}

	/**
	 * Loads a descriptor set a host sent at registration and serves its actor services.
	 * @param contracts a serialized {@code FileDescriptorSet}
	 * @throws io.spawn.proxy.config.InvalidProxyConfigurationException when the set cannot be loaded; nothing
	 * changes then
	 */
	synchronized void register(ByteString contracts) {
		if (contracts.isEmpty() || contracts.equals(this.lastRegistered)) {
			return;
		}
		List<FileDescriptor> loaded = ContractLoader.loadRegistered(contracts);
		List<ActorContract> added = ContractLoader.actorServices(loaded);
		merge(loaded, added);
		this.server.addServices(added.stream().map(this.services::definition).toList());
		this.lastRegistered = contracts;
	}

	private void merge(List<FileDescriptor> loaded, List<ActorContract> added) {
		for (FileDescriptor file : loaded) {
			this.files.remove(file.getName());
			this.files.put(file.getName(), file);
		}
		for (ActorContract contract : added) {
			this.actors.remove(contract.service().getFullName());
			this.actors.put(contract.service().getFullName(), contract);
		}
		List<FileDescriptor> newestFirst = new ArrayList<>(this.files.values());
		Collections.reverse(newestFirst);
		List<ActorContract> actors = List.copyOf(this.actors.values());
		this.routes = new HttpJsonRoutes(this.invoker, newestFirst, this.maxBodySize).routes(actors);
		this.current = actors;
	}

	/**
	 * Finds a message type of the contracts, newest first, for rendering a protobuf state as JSON.
	 * @param fullName the message's full name, nested types included ({@code shop.Cart.Line})
	 * @return its descriptor, or {@code null} when no contract declares it
	 */
	synchronized @Nullable Descriptor findMessage(String fullName) {
		List<FileDescriptor> newestFirst = new ArrayList<>(this.files.values());
		Collections.reverse(newestFirst);
		for (FileDescriptor file : newestFirst) {
			String pkg = file.getPackage();
			if (!pkg.isEmpty() && !fullName.startsWith(pkg + ".")) {
				continue;
			}
			String[] path = (pkg.isEmpty() ? fullName : fullName.substring(pkg.length() + 1)).split("\\.");
			Descriptor type = file.findMessageTypeByName(path[0]);
			for (int i = 1; type != null && i < path.length; i++) {
				type = type.findNestedTypeByName(path[i]);
			}
			if (type != null) {
				return type;
			}
		}
		return null;
	}

	/**
	 * The HTTP/JSON routes of the contracts served now.
	 * @return a router that follows the contracts as they change
	 */
	RouterFunction<ServerResponse> routes() {
		return (request) -> this.routes.route(request);
	}

}
