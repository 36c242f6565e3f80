package io.spawn.internal.runtime;

import static io.spawn.internal.runtime.RuntimeFixture.SYSTEM;
import static io.spawn.internal.runtime.RuntimeFixture.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.spawn.internal.operations.ActorOperations;
import io.spawn.internal.operations.ActorView;
import io.spawn.internal.operations.MessageTypes;
import io.spawn.internal.operations.OperationsException;
import io.spawn.internal.operations.Page;
import io.spawn.internal.operations.ScheduleView;
import io.spawn.internal.operations.StateView;
import io.spawn.internal.state.ActorKey;
import io.spawn.internal.state.ActorQuery;
import io.spawn.protocol.JSONType;
import io.spawn.protocol.actors.ActorState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operations service over the in-memory ports and a real runtime.
 */
class ActorOperationsTests {

	private final RuntimeFixture fixture = new RuntimeFixture();

	private final ActorOperations operations = new ActorOperations(this.fixture.store, this.fixture.scheduler,
			this.fixture.runtime, MessageTypes.NONE, Duration.ofSeconds(5));

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void listsStoredActorsInNameOrderPageByPage() {
		for (int i = 0; i < 7; i++) {
			store("actor-" + i, null, ScriptedHost.number(i), "color", (i % 2 == 0) ? "red" : "blue");
		}
		store("other-system-actor", null, ScriptedHost.number(1), "color", "red", "elsewhere");

		List<String> names = new ArrayList<>();
		String token = null;
		int pages = 0;
		do {
			Page<ActorView> page = this.operations.list(SYSTEM, null, null, ActorQuery.Activity.ANY, token, 3);
			assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
			page.items().forEach((view) -> names.add(view.name()));
			token = page.nextPageToken();
			pages++;
		}
		while (token != null);

		assertThat(names).containsExactly("actor-0", "actor-1", "actor-2", "actor-3", "actor-4", "actor-5", "actor-6");
		assertThat(pages).isEqualTo(3);
		assertThat(this.operations.list(SYSTEM, null, "color=red", ActorQuery.Activity.ANY, null, null).items())
			.extracting(ActorView::name)
			.containsExactly("actor-0", "actor-2", "actor-4", "actor-6");
	}

	@Test
	void filtersByTemplateAndByWhetherTheActorIsInMemory() {
		store("a", "template", ScriptedHost.number(1));
		store("b", null, ScriptedHost.number(2));
		this.fixture.host.on("b", "add", ScriptedHost::add);
		this.fixture.register(named("b", "add"));
		this.fixture.call("b", "add", 1);

		assertThat(this.operations.list(SYSTEM, "template", null, ActorQuery.Activity.ANY, null, null).items())
			.extracting(ActorView::name)
			.containsExactly("a");
		assertThat(this.operations.list(SYSTEM, null, null, ActorQuery.Activity.ACTIVE, null, null).items())
			.extracting(ActorView::name, ActorView::owner)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("b", "local"));
		assertThat(this.operations.list(SYSTEM, null, null, ActorQuery.Activity.PASSIVE, null, null).items())
			.extracting(ActorView::name)
			.containsExactly("a");
	}

	@Test
	void describesAnActorAndAnswersNotFoundForAnUnknownOne() {
		store("a", "template", ScriptedHost.number(1), "env", "prod");

		ActorView view = this.operations.describe(SYSTEM, "a");

		assertThat(view.parent()).isEqualTo("template");
		assertThat(view.revision()).isEqualTo(1);
		assertThat(view.tags()).containsEntry("env", "prod");
		assertThat(view.updatedAt()).isNotNull();
		assertThat(view.active()).isFalse();
		assertThatThrownBy(() -> this.operations.describe(SYSTEM, "nobody")).isInstanceOf(OperationsException.class)
			.extracting((ex) -> ((OperationsException) ex).reason())
			.isEqualTo(OperationsException.Reason.NOT_FOUND);
		assertThatThrownBy(() -> this.operations.state(SYSTEM, "nobody")).isInstanceOf(OperationsException.class);
	}

	@Test
	void showsJsonStatesAsStoredProtobufStatesThroughTheirTypeAndUnknownTypesAsBytes() {
		store("json", null, Any.pack(JSONType.newBuilder().setContent("{\"items\":[1,2]}").build()));
		store("proto", null, ScriptedHost.number(42));
		store("unknown", null, Any.newBuilder().setTypeUrl("type.googleapis.com/shop.Cart")
			.setValue(ByteString.copyFrom(new byte[] { 8, 1 })).build());

		StateView json = this.operations.state(SYSTEM, "json");
		StateView proto = this.operations.state(SYSTEM, "proto");
		StateView unknown = this.operations.state(SYSTEM, "unknown");

		assertThat(json.status()).isEqualTo(StateView.Status.JSON);
		assertThat(json.json()).isEqualTo("{\"items\":[1,2]}");
		assertThat(proto.status()).isEqualTo(StateView.Status.PROTOBUF_JSON);
		assertThat(proto.json()).isEqualTo("\"42\"");
		assertThat(unknown.status()).isEqualTo(StateView.Status.PROTOBUF_BYTES);
		assertThat(unknown.base64()).isEqualTo("CAE=");
		assertThat(unknown.message()).contains("shop.Cart");
	}

	@Test
	void listsHistoryAndRestoresARevisionThroughTheRuntime() {
		this.fixture.host.on("counter", "add", (i) -> {
			long total = ScriptedHost.state(i) + ScriptedHost.input(i);
			return ScriptedHost.reply(i, total, ScriptedHost.number(total)).setCheckpoint(true).build();
		});
		this.fixture.register(named("counter", "add"));
		this.fixture.call("counter", "add", 5);
		this.fixture.call("counter", "add", 1);

		assertThat(this.operations.history(SYSTEM, "counter")).extracting((r) -> r.revision()).containsExactly(2L, 1L);
		ActorView restored = this.operations.restore(SYSTEM, "counter", 1, "alice");

		assertThat(restored.revision()).isEqualTo(3);
		assertThat(this.operations.state(SYSTEM, "counter").json()).isEqualTo("\"5\"");
		assertThat(this.operations.state(SYSTEM, "counter", 2).json()).isEqualTo("\"6\"");
		assertThatThrownBy(() -> this.operations.restore(SYSTEM, "counter", 42, "alice"))
			.isInstanceOf(OperationsException.class)
			.hasMessageContaining("revision 42");
	}

	@Test
	void listsAndCancelsTimersAndDelayedCallsOfAnActor() {
		this.fixture.host.on("ticker", "tick", (i) -> ScriptedHost.answer(i, ScriptedHost.number(0)).build())
			.on("ticker", "later", (i) -> ScriptedHost.answer(i, ScriptedHost.number(0)).build());
		this.fixture.register(RuntimeFixture.timer(named("ticker", "tick", "later"), "tick", 60_000));
		long inAMinute = this.fixture.clock.millis() + 60_000;
		this.fixture.runtime.invoke(RuntimeFixture.request("ticker", "later").setScheduledTo(inAMinute).build());

		Page<ScheduleView> schedules = this.operations.schedules(SYSTEM, "ticker", null, null);

		assertThat(schedules.items()).extracting(ScheduleView::action, ScheduleView::kind)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("tick", "timer"),
					org.assertj.core.groups.Tuple.tuple("later", "delayed-call"));
		String timer = schedules.items().stream().filter((s) -> s.kind().equals("timer")).findFirst().orElseThrow().id();
		assertThatThrownBy(() -> this.operations.cancel(SYSTEM, "someone-else", timer, "bob"))
			.isInstanceOf(OperationsException.class)
			.hasMessageContaining("has no delayed call or timer");
		this.operations.cancel(SYSTEM, "ticker", timer, "bob");
		assertThat(this.operations.schedules(SYSTEM, null, null, null).items()).extracting(ScheduleView::action)
			.containsExactly("later");
	}

	@Test
	void refusesMalformedParametersWithAClearMessage() {
		assertThatThrownBy(() -> this.operations.list(SYSTEM, null, null, ActorQuery.Activity.ANY, null, 501))
			.hasMessageContaining("pageSize must be between 1 and 500");
		assertThatThrownBy(() -> this.operations.list(SYSTEM, null, null, ActorQuery.Activity.ANY, "garbage!", null))
			.hasMessageContaining("page token");
		assertThatThrownBy(() -> this.operations.list(SYSTEM, null, "no-equals", ActorQuery.Activity.ANY, null, null))
			.hasMessageContaining("key=value");
		assertThatThrownBy(() -> this.operations.state(SYSTEM, "a", 0)).hasMessageContaining("positive");
	}

	private void store(String name, String parent, Any state, String... tags) {
		store(name, parent, state, tags.length > 0 ? tags : new String[0], SYSTEM);
	}

	private void store(String name, String parent, Any state, String tagKey, String tagValue, String system) {
		store(name, parent, state, new String[] { tagKey, tagValue }, system);
	}

	private void store(String name, String parent, Any state, String[] tags, String system) {
		ActorState.Builder builder = ActorState.newBuilder().setState(state);
		for (int i = 0; i < tags.length; i += 2) {
			builder.putTags(tags[i], tags[i + 1]);
		}
		this.fixture.store.write(new ActorKey(system, name), parent, builder.build(), 0);
	}

}
