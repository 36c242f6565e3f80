package io.spawn.proxy.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import io.spawn.protocol.actors.Kind;
import io.spawn.proxy.config.InvalidProxyConfigurationException;
import io.spawn.proxy.grpc.contract.AccountOuterClass;
import io.spawn.proxy.grpc.contract.GreeterOuterClass;
import io.spawn.proxy.grpc.contract.PlainOuterClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading contracts from descriptor sets: options that arrive as bytes are read, and imports the proxy knows come
 * from its classpath.
 */
class ContractLoaderTests {

	@TempDir
	Path dir;

	@Test
	void aMissingDirectoryHasNoContracts() {
		assertThat(ContractLoader.loadFiles(this.dir.resolve("absent"))).isEmpty();
	}

	@Test
	void readsActorOptionsOfASetWithoutItsImports() throws IOException {
		write("contract.protoset", GreeterOuterClass.getDescriptor().toProto(),
				AccountOuterClass.getDescriptor().toProto(), PlainOuterClass.getDescriptor().toProto());
		Files.writeString(this.dir.resolve("notes.txt"), "not a descriptor set");

		List<ActorContract> actors = ContractLoader.actorServices(ContractLoader.loadFiles(this.dir));

		assertThat(actors).extracting(ActorContract::actorName).containsExactly("Greeter", "Account");
		ActorContract account = actors.get(1);
		assertThat(account.unnamed()).isTrue();
		assertThat(account.options().getKind()).isEqualTo(Kind.UNNAMED);
		assertThat(account.options().getStateType()).isEqualTo(".spawn.proxytest.AccountState");
		assertThat(ActorContract.idField(account.service().findMethodByName("Deposit").getInputType()))
			.extracting((field) -> field.getName())
			.isEqualTo("account_id");
	}

	@Test
	void theProtocCompiledSetWithImportsLoads() {
		List<ActorContract> actors = ContractLoader
			.actorServices(ContractLoader.loadFiles(Path.of("target", "test-descriptors")));

		assertThat(actors).extracting((actor) -> actor.service().getFullName())
			.containsExactlyInAnyOrder("spawn.proxytest.Greeter", "spawn.proxytest.Account");
	}

	@Test
	void aSetSentAtRegistrationLoadsLikeTheDirectorys() throws IOException {
		byte[] bytes = Files.readAllBytes(Path.of("target", "test-descriptors", "contract.pb"));

		List<ActorContract> actors = ContractLoader
			.actorServices(ContractLoader.loadRegistered(com.google.protobuf.ByteString.copyFrom(bytes)));

		assertThat(actors).extracting((actor) -> actor.service().getFullName())
			.containsExactlyInAnyOrder("spawn.proxytest.Greeter", "spawn.proxytest.Account");
	}

	@Test
	void aRegisteredSetWithAMissingImportIsRefusedNamingIt() {
		FileDescriptorSet set = FileDescriptorSet.newBuilder()
			.addFile(FileDescriptorProto.newBuilder().setName("bank/user.proto").addDependency("bank/missing.proto"))
			.build();

		assertThatExceptionOfType(InvalidProxyConfigurationException.class)
			.isThrownBy(() -> ContractLoader.loadRegistered(set.toByteString()))
			.withMessageContaining("bank/user.proto imports bank/missing.proto")
			.withMessageContaining("registration's contracts");
	}

	@Test
	void anImportNoSetHoldsStopsStartupNamingIt() throws IOException {
		FileDescriptorProto user = FileDescriptorProto.newBuilder()
			.setName("bank/user.proto")
			.addDependency("bank/missing.proto")
			.build();
		write("bank.pb", user);

		assertThatExceptionOfType(InvalidProxyConfigurationException.class)
			.isThrownBy(() -> ContractLoader.loadFiles(this.dir))
			.withMessageContaining("bank/missing.proto");
	}

	@Test
	void aFileThatIsNotADescriptorSetStopsStartupNamingIt() throws IOException {
		Files.write(this.dir.resolve("broken.desc"), new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff });

		assertThatExceptionOfType(InvalidProxyConfigurationException.class)
			.isThrownBy(() -> ContractLoader.loadFiles(this.dir))
			.withMessageContaining("broken.desc");
	}

	private void write(String name, FileDescriptorProto... files) throws IOException {
		Files.write(this.dir.resolve(name), FileDescriptorSet.newBuilder().addAllFile(List.of(files)).build().toByteArray());
	}

}
