/**
 * Benchmark harnesses that run Spawn and a baseline in the same JVM run, interleaved, and print the ratios
 * (docs/benchmarks.md); not a library and not part of the test suite.
 */
@NullMarked
package io.spawn.benchmarks;

import org.jspecify.annotations.NullMarked;
