/**
 * Tests of the Helm chart in {@code charts/spawn}: helm itself renders it, and the rendered objects are read with
 * the fabric8 Kubernetes model.
 */
@NullMarked
package io.spawn.chart;

import org.jspecify.annotations.NullMarked;
