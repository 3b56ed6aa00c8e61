#!/usr/bin/env bash
# Serving soak: `mlship serve` in its own process, CONNECTIONS connections for SECONDS mixing valid V1/V2
# requests, malformed JSON, oversized bodies and slow senders (headers dripped over 30 s). Prints every
# outcome, the latencies, and the server's RSS, open files and threads after a warm-up and after the soak.
# Usage: bench/soak.sh [SECONDS] [CONNECTIONS]   (defaults 60, 100)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
cd "$here"
./mvnw -q -B -o test-compile
./mvnw -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.mlship.serve.ServeSoak "${1:-60}" "${2:-100}"
