/**
 * Where a call is placed: on this member or on the member that owns the actor. Internal API, not for use
 * outside Spawn for Java.
 */
@NullMarked
package io.spawn.internal.placement;

import org.jspecify.annotations.NullMarked;
