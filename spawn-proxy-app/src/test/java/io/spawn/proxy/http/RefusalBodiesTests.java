package io.spawn.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.runtime.InvocationStatus;
import io.spawn.protocol.InvocationResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RefusalBodiesTests {

	@Test
	void theSpawnRoutesGetAProtocolResponseWithTheStatusAndMessage() throws Exception {
		RefusalBodies.Body body = RefusalBodies.of("/api/v1/system", InvocationStatus.UNAUTHENTICATED, 16, "no token");
		assertThat(body.contentType()).isEqualTo("application/octet-stream");
		InvocationResponse response = InvocationResponse.parseFrom(body.bytes());
		assertThat(response.getStatus().getStatus()).isEqualTo(InvocationStatus.UNAUTHENTICATED.protocolStatus());
		assertThat(response.getStatus().getMessage()).isEqualTo("no token");
	}

	@Test
	void everythingElseGetsGoogleRpcStatusJsonThatStaysValidWhateverTheMessage() {
		String message = "a \"quoted\" path \\ with\na newline";
		RefusalBodies.Body body = RefusalBodies.of("/shop/carts", InvocationStatus.PAYLOAD_TOO_LARGE, 8, message);
		assertThat(body.contentType()).isEqualTo("application/json");
		JsonNode json = JsonMapper.builder().build().readTree(new String(body.bytes(), StandardCharsets.UTF_8));
		assertThat(json.get("code").asInt()).isEqualTo(8);
		assertThat(json.get("message").asString()).isEqualTo(message);
		assertThat(json.get("details").isArray()).isTrue();
	}

}
