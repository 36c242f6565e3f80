package io.spawn.benchmarks;

import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.Noop;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP endpoints of benchmark 2, on the proxy's own stack (Spring MVC on Tomcat with virtual threads;
 * Apache HttpClient 5 classic with pooled keep-alive connections for the outgoing hop): the actor host
 * ({@code POST /api/v1/actors/actions}, a trivial action), the trivial endpoint of the baseline
 * ({@code POST /trivial}) and the do-nothing forwarder ({@code POST /forward} → {@code bench.forward-to}). Started
 * in its own JVM by {@link SidecarBenchmark}, once as host and trivial endpoint, once as forwarder.
 */
@SpringBootApplication(proxyBeanMethods = false)
// The footprint benchmark's bare application is a separate app with its own /ping: not part of this one.
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.spawn\\.benchmarks\\.bare\\..*"))
public class SidecarEndpointsApplication {

	public static void main(String[] args) {
		SpringApplication.run(SidecarEndpointsApplication.class, args);
	}

	@RestController
	static class Endpoints {

		private static final byte[] TRIVIAL_ANSWER = ActorInvocationResponse.newBuilder()
			.setActorName("echo-0")
			.setActorSystem(SpawnNode.SYSTEM)
			.setNoop(Noop.getDefaultInstance())
			.build()
			.toByteArray();

		private final URI forwardTo;

		private final CloseableHttpClient client;

		Endpoints(@Value("${bench.forward-to:http://127.0.0.1:1/trivial}") String forwardTo) {
			this.forwardTo = URI.create(forwardTo);
			PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(256)
				.setMaxConnPerRoute(256)
				.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
				.build();
			this.client = HttpClients.custom()
				.setConnectionManager(connections)
				.disableAutomaticRetries()
				.disableRedirectHandling()
				.disableCookieManagement()
				.disableAuthCaching()
				.build();
		}

		@GetMapping("/ping")
		String ping() {
			return "pong";
		}

		/** The actor host: a trivial action that answers without touching state. */
		@PostMapping(path = "/api/v1/actors/actions", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
		byte[] actions(@RequestBody byte[] body) throws IOException {
			ActorInvocation invocation = ActorInvocation.parseFrom(body);
			return ActorInvocationResponse.newBuilder()
				.setActorName(invocation.getActor().getName())
				.setActorSystem(invocation.getActor().getSystem())
				.setNoop(Noop.getDefaultInstance())
				.build()
				.toByteArray();
		}

		/** The baseline's far end: reads the body and answers a fixed one of the same kind. */
		@PostMapping(path = "/trivial", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
		byte[] trivial(@RequestBody byte[] body) {
			return TRIVIAL_ANSWER;
		}

		/** The baseline's middle: passes the body on and the answer back, and does nothing else. */
		@PostMapping(path = "/forward", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
		byte[] forward(@RequestBody byte[] body) throws IOException {
			HttpPost post = new HttpPost(this.forwardTo);
			post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
			return this.client.execute(post, (response) -> {
				try (InputStream in = response.getEntity().getContent()) {
					return in.readAllBytes();
				}
			});
		}

	}

}
