package io.spawn.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.TimestampProto;
import io.spawn.internal.model.ActorModels;
import io.spawn.internal.model.ActorRegistrations;
import io.spawn.internal.model.PayloadCodec;
import io.spawn.protocol.RegistrationRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code spawn.sidecar.contracts}: the descriptor sets are merged into the registration the sidecar sends.
 */
class ContractDescriptorsTests {

	private static Resource set(FileDescriptorProto... files) {
		return new ByteArrayResource(FileDescriptorSet.newBuilder().addAllFile(List.of(files)).build().toByteArray(),
				"test set");
	}

	@Test
	void descriptorSetsAreMergedIntoTheRegistration() throws Exception {
		FileDescriptorProto any = AnyProto.getDescriptor().toProto();
		FileDescriptorProto timestamp = TimestampProto.getDescriptor().toProto();

		RegistrationRequest registration = ActorRegistrations.of("spawn-system",
				ActorModels.of(List.of(), Map.of(), new PayloadCodec(JsonMapper.builder().build())), "app",
				ContractDescriptors.read(List.of(set(any), set(any, timestamp))));

		assertThat(FileDescriptorSet.parseFrom(registration.getContracts()).getFileList()).containsExactly(any,
				timestamp);
	}

	@Test
	void noResourceMeansNoContracts() {
		assertThat(ContractDescriptors.read(List.of()).isEmpty()).isTrue();
	}

	@Test
	void aMissingResourceIsNamed() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ContractDescriptors.read(List.of(new ClassPathResource("missing/contracts.pb"))))
			.withMessageContaining("class path resource [missing/contracts.pb]")
			.withMessageContaining("spawn.sidecar.contracts");
	}

	@Test
	void anUnreadableResourceIsNamed() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ContractDescriptors
				.read(List.of(new ByteArrayResource(new byte[] { (byte) 0xff, 0x01 }, "broken set"))))
			.withMessageContaining("broken set")
			.withMessageContaining("not a readable FileDescriptorSet");
	}

	@Test
	void thePropertyBindsResources() {
		SpawnProperties properties = new Binder(new MapConfigurationPropertySource(
				Map.of("spawn.sidecar.contracts", "classpath:contracts.pb,file:/tmp/other.pb")))
			.bindOrCreate("spawn", SpawnProperties.class);

		assertThat(properties.getSidecar().getContracts()).extracting(Resource::getDescription)
			.containsExactly("class path resource [contracts.pb]", "URL [file:/tmp/other.pb]");
	}

}
