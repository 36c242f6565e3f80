#!/usr/bin/env bash
# Builds the benchmarks and runs them: benchmarks/run.sh [quick|full|long] [embedded|sidecar|durable|activation|memory|cluster|user|footprint|activators ...]
# quick runs all of them in under 10 minutes on a 2-core machine; SKIP_BUILD=1 reuses the last build.
# Figures and ratios are printed and written to benchmarks/target/benchmark-results/ (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then JAVA_HOME=$candidate; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ]; then
  echo "error: set JAVA_HOME to a JDK 21 or newer" >&2
  exit 1
fi
export JAVA_HOME

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  modules=benchmarks
  # Benchmark 2 runs the sidecar's own jar; build it too when it is not there yet.
  if ! ls spawn-proxy-app/target/spawn-proxy-app-*.jar >/dev/null 2>&1; then
    modules=benchmarks,spawn-proxy-app
  fi
  ./mvnw -q -B -pl "$modules" -am package -DskipTests
fi

cd benchmarks
exec "$JAVA_HOME/bin/java" -Xms2g -Xmx2g -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -jar target/benchmarks.jar "${@:-quick}"
