package io.spawn.proxy.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.spawn.internal.cluster.ClusterMember;
import io.spawn.internal.cluster.ClusterReport;
import io.spawn.internal.runtime.ActorRuntime;
import io.spawn.proxy.lifecycle.RegisteredSystems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/spawnoverview}: what the dashboard shows of the member asked, in one read: its health, the
 * cluster's members, its active actors and queued calls, the schedule lag, the registered systems, and the
 * {@code spawn.invocations} timers (count, total and max time per system, actor type, action and outcome).
 * Counts are totals since start; a caller that wants calls per second reads twice and divides.
 */
@Endpoint(id = "spawnoverview")
public final class SpawnOverviewEndpoint {

	private final ActorRuntime runtime;

	private final MeterRegistry registry;

	private final RegisteredSystems systems;

	private final @Nullable ClusterMember cluster;

	private final Supplier<String> node;

	private final Supplier<@Nullable String> health;

	private final OperationsAccess access;

	SpawnOverviewEndpoint(ActorRuntime runtime, MeterRegistry registry, RegisteredSystems systems,
			@Nullable ClusterMember cluster, Supplier<String> node, Supplier<@Nullable String> health,
			OperationsAccess access) {
		this.runtime = runtime;
		this.registry = registry;
		this.systems = systems;
		this.cluster = cluster;
		this.node = node;
		this.health = health;
		this.access = access;
	}

	@ReadOperation
	public WebEndpointResponse<Object> overview(SecurityContext context) {
		WebEndpointResponse<Object> refused = this.access.refuseRead(context);
		if (refused != null) {
			return refused;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		if (this.cluster != null) {
			Map<String, Object> report = ClusterReport.members(this.cluster, this.runtime);
			body.put("node", report.get("node"));
			body.put("clustered", true);
			body.put("members", report.get("members"));
		}
		else {
			String node = this.node.get();
			body.put("node", node);
			body.put("clustered", false);
			body.put("members", List.of(Map.of("node", node, "address", "", "state", "UP")));
		}
		body.put("health", this.health.get());
		body.put("draining", this.runtime.isDraining());
		body.put("activeActors", this.runtime.activeActors());
		body.put("mailboxDepth", this.runtime.queuedCalls());
		body.put("scheduleLagMillis", scheduleLag());
		body.put("systems", this.systems.names());
		body.put("invocations", invocations());
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	private @Nullable Long scheduleLag() {
		Gauge lag = this.registry.find("spawn.schedule.lag").gauge();
		if (lag == null || Double.isNaN(lag.value())) {
			return null;
		}
		return (long) lag.value();
	}

	private List<Map<String, Object>> invocations() {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Timer timer : this.registry.find("spawn.invocations").timers()) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("system", tag(timer, "system"));
			row.put("actor", tag(timer, "actor"));
			row.put("action", tag(timer, "action"));
			row.put("outcome", tag(timer, "outcome"));
			row.put("count", timer.count());
			row.put("totalMillis", timer.totalTime(TimeUnit.MILLISECONDS));
			row.put("maxMillis", timer.max(TimeUnit.MILLISECONDS));
			rows.add(row);
		}
		rows.sort(Comparator.comparing((Map<String, Object> row) -> row.get("system") + "/" + row.get("actor") + "/"
				+ row.get("action") + "/" + row.get("outcome")));
		return rows;
	}

	private static String tag(Timer timer, String key) {
		String value = timer.getId().getTag(key);
		return (value != null) ? value : "";
	}

}
