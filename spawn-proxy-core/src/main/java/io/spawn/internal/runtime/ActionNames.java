package io.spawn.internal.runtime;

import java.util.List;
import java.util.Set;

/**
 * Action names with a meaning to the protocol: the init family, run once per activation, and the implicit read
 * family, answered by the runtime unless the actor declares the action.
 */
final class ActionNames {

	static final List<String> INIT = List.of("init", "Init", "setup", "Setup");

	static final Set<String> GET = Set.of("get", "Get", "get_state", "getState", "GetState");

	/** The action name a deletion of the state carries, for logs and metrics; it never reaches the host. */
	static final String DELETE_STATE = "$delete_state";

	/**
	 * The action name a restore of a kept revision carries (the revision in {@link #RESTORE_REVISION} metadata);
	 * it never reaches the host, and a caller outside the runtime cannot send it as a call.
	 */
	static final String RESTORE_STATE = "$restore_state";

	/** Metadata key of the revision a {@link #RESTORE_STATE} turn restores. */
	static final String RESTORE_REVISION = "spawn-restore-revision";

	/** Default action of a channel subscription. */
	static final String RECEIVE = "receive";

	private ActionNames() {
	}

}
