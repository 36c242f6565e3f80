/**
 * Where peers are found: the candidate members of a cluster, through Spring Cloud's {@code DiscoveryClient}
 * (a static list, or Kubernetes). Internal API, not for use outside Spawn for Java.
 */
@NullMarked
package io.spawn.internal.cluster.discovery;

import org.jspecify.annotations.NullMarked;
