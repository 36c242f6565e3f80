package io.spawn.autoconfigure;

import io.spawn.client.SpawnOperations;
import io.spawn.client.SpawnOperationsException;
import io.spawn.internal.operations.ActorOperations;
import io.spawn.internal.operations.ActorView;
import io.spawn.internal.operations.OperationsException;
import io.spawn.internal.operations.StateView;
import io.spawn.internal.state.ActorQuery;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link SpawnOperations} of embedded mode: the runtime's own operations service, with its answers in the
 * starter's public types. Writes are audited as {@value #PRINCIPAL}.
 */
final class EmbeddedSpawnOperations implements SpawnOperations {

	/** The principal the audit log names for calls from code. */
	static final String PRINCIPAL = "application";

	private final ActorOperations operations;

	EmbeddedSpawnOperations(ActorOperations operations) {
		this.operations = operations;
	}

	@Override
	public Page<ActorInfo> list(String system, @Nullable String parent, @Nullable String tag, Activity activity,
			@Nullable String pageToken, int pageSize) {
		io.spawn.internal.operations.Page<ActorView> page = run(() -> this.operations.list(system, parent, tag,
				ActorQuery.Activity.valueOf(activity.name()), pageToken, pageSize));
		return new Page<>(page.items().stream().map(EmbeddedSpawnOperations::info).toList(), page.nextPageToken());
	}

	@Override
	public Optional<ActorInfo> find(String system, String actor) {
		try {
			return Optional.of(info(this.operations.describe(system, actor)));
		}
		catch (OperationsException ex) {
			if (ex.reason() == OperationsException.Reason.NOT_FOUND) {
				return Optional.empty();
			}
			throw translate(ex);
		}
	}

	@Override
	public StateInfo state(String system, String actor) {
		return info(run(() -> this.operations.state(system, actor)));
	}

	@Override
	public StateInfo state(String system, String actor, long revision) {
		return info(run(() -> this.operations.state(system, actor, revision)));
	}

	@Override
	public List<RevisionInfo> history(String system, String actor) {
		return run(() -> this.operations.history(system, actor)).stream()
			.map((r) -> new RevisionInfo(r.revision(), r.stateType(), r.node(), r.writtenAt()))
			.toList();
	}

	@Override
	public ActorInfo restore(String system, String actor, long revision) {
		return info(run(() -> this.operations.restore(system, actor, revision, PRINCIPAL)));
	}

	@Override
	public Page<ScheduleInfo> schedules(String system, @Nullable String actor, @Nullable String pageToken,
			int pageSize) {
		io.spawn.internal.operations.Page<io.spawn.internal.operations.ScheduleView> page = run(
				() -> this.operations.schedules(system, actor, pageToken, pageSize));
		return new Page<>(page.items()
			.stream()
			.map((s) -> new ScheduleInfo(s.id(), s.system(), s.actor(), s.action(), s.dueAt(), s.intervalMillis(),
					s.attempts()))
			.toList(), page.nextPageToken());
	}

	@Override
	public void cancelSchedule(String system, String actor, String id) {
		run(() -> {
			this.operations.cancel(system, actor, id, PRINCIPAL);
			return null;
		});
	}

	private static ActorInfo info(ActorView view) {
		return new ActorInfo(view.system(), view.name(), view.parent(), view.revision(), view.stateType(),
				view.tags(), view.updatedAt(), view.active(), view.owner());
	}

	private static StateInfo info(StateView view) {
		return new StateInfo(view.revision(), view.status().name(), view.typeUrl(), view.json(), view.base64(),
				view.message());
	}

	private static <T> T run(Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (OperationsException ex) {
			throw translate(ex);
		}
	}

	private static SpawnOperationsException translate(OperationsException ex) {
		return new SpawnOperationsException(SpawnOperationsException.Reason.valueOf(ex.reason().name()),
				String.valueOf(ex.getMessage()), ex);
	}

}
