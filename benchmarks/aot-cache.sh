#!/usr/bin/env bash
# Startup with and without the JDK AOT cache that the images' Dockerfiles train, measured on this machine without
# Docker: the jar is extracted and the cache trained exactly as the Dockerfile's RUN steps do, then the app is
# started alternately without and with the cache, and the time from launch to a 200 from its readiness endpoint is
# taken. Not a test: it prints figures (docs/kubernetes.md, "Images", records them).
#
#   benchmarks/aot-cache.sh [proxy|bank-account|counter] [runs]     (default: proxy 5)
#
# Needs the app's jar (./mvnw -B -pl spawn-proxy-app -am package -DskipTests), a JDK 25 (JAVA_HOME), curl.
set -euo pipefail
cd "$(dirname "$0")/.."

app=${1:-proxy}
runs=${2:-5}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
case "$app" in
  proxy)
    jar=$(ls spawn-proxy-app/target/spawn-proxy-app-*.jar | grep -v original | head -1)
    train_args=(-Dspawn.proxy.data-dir=@WORK@/training -Dspawn.proxy.grpc.enabled=false)
    run_args=(-Dspawn.proxy.data-dir=@WORK@/data-@RUN@ -Dspawn.proxy.http.port=@PORT@ -Dspawn.proxy.grpc.enabled=false)
    ;;
  bank-account)
    jar=samples/bank-account/target/bank-account-sample.jar
    train_args=()
    # No proxy runs: the app keeps retrying its registration, which does not hold readiness back by default.
    run_args=(-Dserver.port=@PORT@ -Dspawn.sidecar.host-port=0)
    ;;
  counter)
    jar=samples/counter/target/counter-sample.jar
    train_args=(-Dspring.datasource.url=jdbc:h2:mem:training)
    run_args=(-Dserver.port=@PORT@ -Dspring.datasource.url=jdbc:h2:mem:run@RUN@)
    ;;
  *) echo "unknown app '$app': proxy, bank-account or counter" >&2; exit 2 ;;
esac
[ -f "$jar" ] || { echo "no jar at $jar: build it first (see the header of this script)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/spawn-aot-$app.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Each argument with @WORK@, @RUN@ and @PORT@ filled in, one a line.
expand() {
  local run=$1 port=$2 arg
  shift 2
  for arg in "$@"; do
    printf '%s\n' "$arg" | sed -e "s|@WORK@|$work|g" -e "s|@RUN@|$run|g" -e "s|@PORT@|$port|g"
  done
}

# The Dockerfile's builder stage and COPY steps: extract the layers and lay them out in one directory.
cp "$jar" "$work/application.jar"
(cd "$work" && "$java" -Djarmode=tools -jar application.jar extract --layers --destination extracted >/dev/null)
mkdir -p "$work/app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  cp -r "$work/extracted/$layer/." "$work/app/"
done

# The Dockerfile's training run.
mapfile -t targs < <(expand 0 0 "${train_args[@]}")
start=$(date +%s%N)
(cd "$work/app" && "$java" -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh "${targs[@]}" \
  -jar application.jar >"$work/training.log" 2>&1)
train_ms=$(( ($(date +%s%N) - start) / 1000000 ))
cache_mb=$(( $(stat -c %s "$work/app/app.aot") / 1048576 ))
echo "app=$app jdk=$("$java" -version 2>&1 | head -1 | tr -d '"') training=${train_ms}ms cache=${cache_mb}MiB cpus=$(nproc) load=$(cut -d' ' -f1 /proc/loadavg)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# One start: prints "<ms to ready> <seconds Spring Boot reports>". With the cache, -XX:AOTMode=on makes a cache
# that cannot be used an error, so a figure under "aot" is always a start that used it.
measure() {
  local mode=$1 run=$2 port pid ms reported
  port=$(free_port)
  mapfile -t rargs < <(expand "$run" "$port" "${run_args[@]}")
  local flags=()
  [ "$mode" = aot ] && flags=(-XX:AOTCache=app.aot -XX:AOTMode=on)
  start=$(date +%s%N)
  (cd "$work/app" && exec "$java" "${flags[@]}" "${rargs[@]}" -jar application.jar >"$work/run-$mode-$run.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness")" = 200 ]; then
      break
    fi
    kill -0 "$pid" 2>/dev/null || { echo "the $mode start exited; see its log:" >&2; tail -20 "$work/run-$mode-$run.log" >&2; exit 1; }
    sleep 0.05
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  reported=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$work/run-$mode-$run.log" | awk '{print $4}')
  echo "$ms ${reported:-?}"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)) }'; }

declare -A ready reported
for run in $(seq 1 "$runs"); do
  for mode in none aot; do
    read -r ms secs < <(measure "$mode" "$run")
    ready[$mode]+="$ms "
    reported[$mode]+="$secs "
    echo "run $run $mode: ready after ${ms} ms (Spring Boot: started in ${secs} s)"
  done
done
none=$(tr ' ' '\n' <<<"${ready[none]}" | grep . | median)
aot=$(tr ' ' '\n' <<<"${ready[aot]}" | grep . | median)
echo
none_min=$(tr ' ' '\n' <<<"${ready[none]}" | grep . | sort -n | head -1)
aot_min=$(tr ' ' '\n' <<<"${ready[aot]}" | grep . | sort -n | head -1)
ratio() { awk -v a="$1" -v n="$2" 'BEGIN { printf "%.2f", a / n }'; }
echo "| app | runs | ready, no AOT cache: median (fastest) | ready, AOT cache: median (fastest) | ratio of medians (fastest) |"
echo "|---|---|---|---|---|"
echo "| $app | $runs | ${none} ms (${none_min}) | ${aot} ms (${aot_min}) | $(ratio "$aot" "$none") ($(ratio "$aot_min" "$none_min")) |"
