#!/usr/bin/env bash
# Serving throughput against a raw ONNX Runtime session on the same rows, in one process.
# Usage: bench/serve.sh MODEL.onnx CSV [ROWS_PER_REQUEST] [CLIENTS] [SECONDS] [ORT_THREADS_PER_CALL]
# e.g.   ./mlship run examples/credit-risk --out /tmp/cr && bench/serve.sh /tmp/cr/model.onnx examples/credit-risk/data/credit.csv 1 16
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
cd "$here"
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.mlship.serve.ServeBenchmark "$1" "$2" "${3:-1}" "${4:-16}" "${5:-10}" "${6:-1}"
