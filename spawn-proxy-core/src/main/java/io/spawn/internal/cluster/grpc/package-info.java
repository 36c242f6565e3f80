/**
 * The peer transport: a grpc-java server and client on the peer port (plaintext, or mutual TLS with {@link
 * io.spawn.internal.cluster.grpc.PeerTls}) carrying forwarded calls,
 * broadcasts and leave notices between members. Internal API, not for use outside Spawn for Java.
 */
@NullMarked
package io.spawn.internal.cluster.grpc;

import org.jspecify.annotations.NullMarked;
