/**
 * The bare Spring Boot application the footprint benchmark compares the proxy with.
 */
@NullMarked
package io.spawn.benchmarks.bare;

import org.jspecify.annotations.NullMarked;
