#!/bin/sh
# The property-based tests with 10,000 generated inputs of each kind (CSV files, mlship.yaml files, V1/V2
# request bodies); the suite runs 2,000 of each. Prints how many were accepted and refused, and the time.
# Usage: bench/properties.sh [TRIES]   (run from the repository root)
set -eu
TRIES="${1:-10000}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PATH="$JAVA_HOME/bin:$PATH"
grep -m1 'model name' /proc/cpuinfo || true
uptime
start=$(date +%s)
./mvnw -B -ntp -o test -Dtest='CsvInputPropertyTest,SpecPropertyTest,RequestBodyPropertyTest' -Djqwik.tries.default="$TRIES" \
    -Dsurefire.failIfNoSpecifiedTests=false | grep -E '^generated|Tests run:|FAIL|BUILD'
echo "wall time: $(( $(date +%s) - start )) s (tries per property: $TRIES)"
