package io.spawn.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.spawn.protocol.actors.ActorOpts;
import io.spawn.protocol.actors.ExtensionsProto;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.testing.AccountActorGrpc;
import io.spawn.protocol.testing.Deposit;
import org.junit.jupiter.api.Test;

/**
 * A user contract compiled against this module carries the Spawn options with their wire numbers, next to
 * {@code google.api.http} rules.
 */
class ContractOptionsTests {

	@Test
	void extensionsHaveTheProtocolFieldNumbers() {
		assertThat(ExtensionsProto.actor.getNumber()).isEqualTo(4890128);
		assertThat(ExtensionsProto.view.getNumber()).isEqualTo(4890127);
		assertThat(ExtensionsProto.actorId.getNumber()).isEqualTo(9999);
		assertThat(ExtensionsProto.searchable.getNumber()).isEqualTo(4890129);
	}

	@Test
	void serviceOptionsAndHttpRulesAreReadable() {
		ServiceDescriptor service = Deposit.getDescriptor().getFile().findServiceByName("AccountActor");
		assertThat(service.getFullName()).isEqualTo(AccountActorGrpc.SERVICE_NAME);

		ActorOpts opts = service.getOptions().getExtension(ExtensionsProto.actor);
		assertThat(opts.getKind()).isEqualTo(Kind.UNNAMED);
		assertThat(opts.getStateful()).isTrue();
		assertThat(opts.getDeactivateTimeout()).isEqualTo(30_000);

		MethodDescriptor deposit = service.findMethodByName("Deposit");
		HttpRule rule = deposit.getOptions().getExtension(AnnotationsProto.http);
		assertThat(rule.getPost()).isEqualTo("/v1/accounts/{account_id}/deposit");
		assertThat(rule.getBody()).isEqualTo("*");

		FieldDescriptor id = Deposit.getDescriptor().findFieldByName("account_id");
		assertThat(id.getOptions().getExtension(ExtensionsProto.actorId)).isTrue();
		assertThat(service.findMethodByName("Balances").getOptions().getExtension(ExtensionsProto.view).getPageSize())
			.isEqualTo(20);
	}

}
