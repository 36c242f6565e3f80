package io.spawn.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.spawn.protocol.ProtocolProto;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.ServiceInfo;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.testing.Deposit;
import org.junit.jupiter.api.Test;

/**
 * {@code RegistrationRequest.contracts} (field 1000) is a Spawn-for-Java extension: it round-trips through our
 * classes, and a reader whose schema lacks the field (an upstream proxy) keeps it as an unknown field and reads
 * the rest of the message unchanged.
 */
class RegistrationContractsTests {

	private static RegistrationRequest withContracts() {
		FileDescriptorSet contracts = FileDescriptorSet.newBuilder()
			.addFile(Deposit.getDescriptor().getFile().toProto())
			.build();
		return RegistrationRequest.newBuilder()
			.setServiceInfo(ServiceInfo.newBuilder().setServiceName("bank").setProtocolMajorVersion(1))
			.setActorSystem(ActorSystem.newBuilder().setName("spawn-system"))
			.setContracts(contracts.toByteString())
			.build();
	}

	@Test
	void contractsFieldHasItsNumber() {
		assertThat(RegistrationRequest.CONTRACTS_FIELD_NUMBER).isEqualTo(1000);
	}

	@Test
	void contractsRoundTrip() throws Exception {
		RegistrationRequest request = withContracts();

		RegistrationRequest decoded = RegistrationRequest.parseFrom(request.toByteArray());

		assertThat(decoded).isEqualTo(request);
		assertThat(FileDescriptorSet.parseFrom(decoded.getContracts()).getFile(0).getName())
			.isEqualTo(Deposit.getDescriptor().getFile().getName());
	}

	@Test
	void aReaderWithoutTheFieldKeepsItAsUnknown() throws Exception {
		RegistrationRequest request = withContracts();
		Descriptor upstream = registrationWithoutContracts();
		assertThat(upstream.findFieldByNumber(1000)).isNull();

		DynamicMessage decoded = DynamicMessage.parseFrom(upstream, request.toByteArray());

		assertThat(decoded.getUnknownFields().hasField(1000)).isTrue();
		assertThat(decoded.getUnknownFields().getField(1000).getLengthDelimitedList())
			.containsExactly(request.getContracts());
		assertThat(((Message) decoded.getField(upstream.findFieldByName("actor_system"))).toByteString())
			.isEqualTo(request.getActorSystem().toByteString());
		// Written back, the unknown field is preserved, so our classes read the contracts again.
		assertThat(RegistrationRequest.parseFrom(decoded.toByteArray())).isEqualTo(request);
		// Without contracts, the bytes are exactly what an upstream writer produces.
		RegistrationRequest plain = request.toBuilder().setContracts(ByteString.EMPTY).build();
		assertThat(DynamicMessage.parseFrom(upstream, plain.toByteArray()).toByteString())
			.isEqualTo(plain.toByteString());
	}

	/** The upstream schema: protocol.proto without field 1000. */
	private static Descriptor registrationWithoutContracts() throws Exception {
		FileDescriptorProto.Builder file = ProtocolProto.getDescriptor().toProto().toBuilder();
		for (DescriptorProto.Builder message : file.getMessageTypeBuilderList()) {
			if (message.getName().equals("RegistrationRequest")) {
				for (int i = message.getFieldCount() - 1; i >= 0; i--) {
					if (message.getField(i).getNumber() == 1000) {
						message.removeField(i);
					}
				}
			}
		}
		FileDescriptor built = FileDescriptor.buildFrom(file.build(),
				ProtocolProto.getDescriptor().getDependencies().toArray(FileDescriptor[]::new));
		return built.findMessageTypeByName("RegistrationRequest");
	}

}
