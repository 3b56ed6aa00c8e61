#!/usr/bin/env bash
# JVM-mode start-up of mlship with and without a JDK 25 AOT cache: the median wall time of N runs of
# `mlship --version` and of `mlship run examples/credit-risk`, with the launcher's JVM flags.
# Usage: bench/startup.sh [RUNS] [RUNS_OF_RUN]   (needs target/quarkus-app: ./mvnw package -DskipTests)
# Extra JVM flags for every run (e.g. -Donnxruntime.native.path=DIR) come from MLSHIP_BENCH_JAVA_OPTS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
runs="${1:-7}"
runs_of_run="${2:-3}"
jar="$here/target/quarkus-app/quarkus-run.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -f "$jar" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 2; }

# The flags of ./mlship, so the figures are those of the launcher.
# shellcheck disable=SC2206
flags=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseTransparentHugePages
  -Djava.io.tmpdir="$work" ${MLSHIP_BENCH_JAVA_OPTS:-})
java=("$JAVA_HOME/bin/java" "${flags[@]}")

# Training run: one `mlship run`, which loads everything `--version` loads and more.
"${java[@]}" -XX:AOTCacheOutput="$work/app.aot" -jar "$jar" run "$here/examples/credit-risk" --out "$work/train" >/dev/null 2>&1
ls -l "$work/app.aot" | awk '{printf "AOT cache: %.0f MB\n", $5 / 1048576}'

median_ms() { # N command...: prints the median wall time in ms of N runs
  local n="$1" times=()
  shift
  for _ in $(seq "$n"); do
    rm -rf "$work/out"
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d ms (min %d, max %d, n=%d)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
}

echo "uptime: $(uptime)"
echo "--version, no AOT cache:  $(median_ms "$runs" "${java[@]}" -jar "$jar" --version)"
echo "--version, AOT cache:     $(median_ms "$runs" "${java[@]}" -XX:AOTCache="$work/app.aot" -jar "$jar" --version)"
echo "run credit-risk, no AOT:  $(median_ms "$runs_of_run" "${java[@]}" -jar "$jar" run "$here/examples/credit-risk" --out "$work/out")"
echo "run credit-risk, AOT:     $(median_ms "$runs_of_run" "${java[@]}" -XX:AOTCache="$work/app.aot" -jar "$jar" run "$here/examples/credit-risk" --out "$work/out")"
