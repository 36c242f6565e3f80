/**
 * One actor system across many members: who the live members are ({@link io.spawn.internal.cluster.Membership},
 * heartbeats in the shared database), who owns which actor ({@link io.spawn.internal.cluster.RendezvousPlacement})
 * and how a member joins and leaves ({@link io.spawn.internal.cluster.ClusterMember}). Internal API, not for use
 * outside Spawn for Java.
 */
@NullMarked
package io.spawn.internal.cluster;

import org.jspecify.annotations.NullMarked;
