package io.spawn.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.protobuf.TypeRegistry;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import io.spawn.protocol.InvocationRequest;
import io.spawn.protocol.InvocationResponse;
import io.spawn.protocol.JSONType;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.RegistrationResponse;
import io.spawn.protocol.SpawnRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes each wire fixture (bytes produced by Google's protoc from an independent copy of the schema) with
 * our generated classes and compares it with the text-format form of the same message.
 */
class WireFixtureTests {

	/** Message type of each fixture, as listed in the fixtures' README. */
	static final Map<String, Message> FIXTURES = Map.of(
			"registration_request", RegistrationRequest.getDefaultInstance(),
			"registration_response", RegistrationResponse.getDefaultInstance(),
			"spawn_request", SpawnRequest.getDefaultInstance(),
			"invocation_request_sync", InvocationRequest.getDefaultInstance(),
			"invocation_request_async_delayed", InvocationRequest.getDefaultInstance(),
			"actor_invocation", ActorInvocation.getDefaultInstance(),
			"actor_invocation_response_workflow", ActorInvocationResponse.getDefaultInstance(),
			"actor_invocation_response_forward", ActorInvocationResponse.getDefaultInstance(),
			"invocation_response_ok", InvocationResponse.getDefaultInstance(),
			"invocation_response_not_found", InvocationResponse.getDefaultInstance());

	private static final TypeRegistry TYPES = TypeRegistry.newBuilder().add(JSONType.getDescriptor()).build();

	static Stream<String> fixtureNames() {
		return FIXTURES.keySet().stream().sorted();
	}

	@ParameterizedTest
	@MethodSource("fixtureNames")
	void decodedBytesEqualTextFormat(String name) throws IOException {
		Message prototype = FIXTURES.get(name);
		Message decoded = prototype.getParserForType().parseFrom(hex(name));
		Message.Builder expected = prototype.newBuilderForType();
		TextFormat.Parser.newBuilder().setTypeRegistry(TYPES).build().merge(text(name), expected);

		assertThat(decoded).isEqualTo(expected.build());
		assertThat(decoded.getUnknownFields().asMap()).as("fields our schema does not know").isEmpty();
	}

	@ParameterizedTest
	@MethodSource("fixtureNames")
	void reEncodedMessageDecodesToTheSameMessage(String name) throws IOException {
		Message prototype = FIXTURES.get(name);
		Message decoded = prototype.getParserForType().parseFrom(hex(name));
		byte[] reEncoded = decoded.toByteArray();

		assertThat(prototype.getParserForType().parseFrom(reEncoded)).isEqualTo(decoded);
		assertThat(reEncoded).hasSameSizeAs(hex(name));
	}

	@Test
	void everyFixtureFileIsCovered() throws IOException {
		try (InputStream readme = resource("README.md")) {
			String text = new String(readme.readAllBytes(), StandardCharsets.UTF_8);
			FIXTURES.keySet().forEach((name) -> assertThat(text).contains("| " + name + " |"));
		}
		assertThat(FIXTURES).hasSize(10);
	}

	static byte[] hex(String name) throws IOException {
		try (InputStream in = resource(name + ".hex")) {
			return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
		}
	}

	static String text(String name) throws IOException {
		try (InputStream in = resource(name + ".txtpb")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	static InputStream resource(String file) throws IOException {
		InputStream in = WireFixtureTests.class.getResourceAsStream("/wire/" + file);
		if (in == null) {
			throw new IOException("missing test resource /wire/" + file);
		}
		return in;
	}

}
