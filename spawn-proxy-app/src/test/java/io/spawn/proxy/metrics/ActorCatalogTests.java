package io.spawn.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.spawn.internal.state.ActorKey;
import io.spawn.protocol.RegistrationRequest;
import io.spawn.protocol.SpawnRequest;
import io.spawn.protocol.actors.Action;
import io.spawn.protocol.actors.Actor;
import io.spawn.protocol.actors.ActorId;
import io.spawn.protocol.actors.ActorSettings;
import io.spawn.protocol.actors.ActorSystem;
import io.spawn.protocol.actors.Kind;
import io.spawn.protocol.actors.Registry;
import org.junit.jupiter.api.Test;

/**
 * Metric tag values come from a bounded set, whatever names callers use.
 */
class ActorCatalogTests {

	private final ActorCatalog catalog = new ActorCatalog();

	@Test
	void declaredActorsAndActionsKeepTheirNames() {
		this.catalog.registered("s", registration("s", actor("cart", Kind.NAMED, "add")));

		assertThat(this.catalog.systemTag("s")).isEqualTo("s");
		assertThat(this.catalog.actorTag(new ActorKey("s", "cart"))).isEqualTo("cart");
		assertThat(this.catalog.actionTag(new ActorKey("s", "cart"), "add")).isEqualTo("add");
		assertThat(this.catalog.actionTag(new ActorKey("s", "cart"), "get")).isEqualTo("get");
	}

	@Test
	void instancesAreTaggedWithTheirTemplate() {
		this.catalog.registered("s", registration("s", actor("session", Kind.UNNAMED, "touch")));
		this.catalog.spawned("s", SpawnRequest.newBuilder()
			.addActors(ActorId.newBuilder().setName("session-1").setParent("session"))
			.build());
		this.catalog.referenced("s", "session-2", "session");

		assertThat(this.catalog.actorTag(new ActorKey("s", "session-1"))).isEqualTo("session");
		assertThat(this.catalog.actorTag(new ActorKey("s", "session-2"))).isEqualTo("session");
		assertThat(this.catalog.actionTag(new ActorKey("s", "session-2"), "touch")).isEqualTo("touch");
	}

	@Test
	void anythingUndeclaredIsTaggedUnknown() {
		this.catalog.registered("s", registration("s", actor("cart", Kind.NAMED, "add")));
		this.catalog.referenced("s", "x", "not-a-template");

		assertThat(this.catalog.systemTag("other")).isEqualTo(ActorCatalog.UNKNOWN);
		assertThat(this.catalog.actorTag(new ActorKey("s", "x"))).isEqualTo(ActorCatalog.UNKNOWN);
		assertThat(this.catalog.actorTag(new ActorKey("other", "cart"))).isEqualTo(ActorCatalog.UNKNOWN);
		assertThat(this.catalog.actionTag(new ActorKey("s", "cart"), "random-" + System.nanoTime()))
			.isEqualTo(ActorCatalog.UNKNOWN);
	}

	@Test
	void aNewRegistrationReplacesActorsButKeepsInstances() {
		this.catalog.registered("s", registration("s", actor("a", Kind.NAMED, "go"), actor("t", Kind.UNNAMED, "go")));
		this.catalog.referenced("s", "t-1", "t");
		this.catalog.registered("s", registration("s", actor("b", Kind.NAMED, "go"), actor("t", Kind.UNNAMED, "go")));

		assertThat(this.catalog.actorTag(new ActorKey("s", "a"))).isEqualTo(ActorCatalog.UNKNOWN);
		assertThat(this.catalog.actorTag(new ActorKey("s", "b"))).isEqualTo("b");
		assertThat(this.catalog.actorTag(new ActorKey("s", "t-1"))).isEqualTo("t");
	}

	@Test
	void stopsRememberingSystemsPastTheCap() {
		for (int i = 0; i < ActorCatalog.MAX_SYSTEMS + 5; i++) {
			this.catalog.registered("s" + i, registration("s" + i, actor("a", Kind.NAMED, "go")));
		}

		assertThat(this.catalog.systemTag("s0")).isEqualTo("s0");
		assertThat(this.catalog.systemTag("s" + (ActorCatalog.MAX_SYSTEMS + 4))).isEqualTo(ActorCatalog.UNKNOWN);
	}

	private static Actor actor(String name, Kind kind, String... actions) {
		Actor.Builder actor = Actor.newBuilder()
			.setId(ActorId.newBuilder().setName(name))
			.setSettings(ActorSettings.newBuilder().setKind(kind));
		for (String action : actions) {
			actor.addActions(Action.newBuilder().setName(action));
		}
		return actor.build();
	}

	private static RegistrationRequest registration(String system, Actor... actors) {
		Registry.Builder registry = Registry.newBuilder();
		for (Actor actor : actors) {
			registry.putActors(actor.getId().getName(), actor);
		}
		return RegistrationRequest.newBuilder()
			.setActorSystem(ActorSystem.newBuilder().setName(system).setRegistry(registry))
			.build();
	}

}
