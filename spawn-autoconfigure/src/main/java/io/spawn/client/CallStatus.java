package io.spawn.client;

/**
 * Why a call failed. The same names travel from the proxy in its {@code Spawn-Status} response header, and each
 * transport decides its own code for them at its edge (the starter's REST routes answer 404 for
 * {@link #ACTOR_NOT_FOUND}, 503 for {@link #UNAVAILABLE}, and so on).
 */
public enum CallStatus {

	/** No such actor, system or template. */
	ACTOR_NOT_FOUND,

	/** The actor exists but does not declare the action. */
	ACTION_NOT_FOUND,

	/** The call is not valid (a command that cannot be encoded, a missing field). */
	INVALID_REQUEST,

	/** The call is larger than the limit. */
	PAYLOAD_TOO_LARGE,

	/** A synchronous call would re-enter an actor waiting further up the same call chain. */
	REENTRANT_CALL,

	/** Another activation of the actor committed state first; the call was not applied. */
	STATE_CONFLICT,

	/** The actor's mailbox is full; the call was not accepted. */
	MAILBOX_FULL,

	/** The action threw (or returned {@code Effect.error}); see {@link ActorCallException#errorCode()}. */
	ACTION_FAILED,

	/** The actor's kind cannot be called yet. */
	NOT_IMPLEMENTED,

	/** The host answered something that is not a valid response, or dropped the call after receiving it. */
	BAD_HOST_RESPONSE,

	/** The runtime or proxy could not take the call (nothing ran): the only status that is safe to retry. */
	UNAVAILABLE,

	/** The call's deadline passed. */
	DEADLINE_EXCEEDED,

	/** The proxy (or the host) accepts no credentials this application sent: check spawn.sidecar.token. */
	UNAUTHENTICATED,

	/** An access rule denies this caller the call; nothing ran. */
	PERMISSION_DENIED

}
