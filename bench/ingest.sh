#!/usr/bin/env bash
# CSV ingest alone: mlship's reader (bench/CsvIngest.java, with the classpath of the built application)
# against pandas.read_csv (bench/pandas_read.py) on the same file, each in a fresh process, the file
# already in the page cache (read once before). Prints MB/s of the first read and of the best of the
# repeats, and each process's peak RSS. Usage: bench/ingest.sh CSV [REPEATS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
csv=${1:?csv}
repeats=${2:-3}
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
"$here/../mlship" --version >/dev/null # builds when needed
app="$here/../target/quarkus-app"
cp="$(ls "$app"/app/*.jar):$app/lib/main/*"
cat "$csv" > /dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() { # name, command...
  local name=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  local rss first best
  rss=$(awk '/Maximum resident/ {printf "%.0f", $NF / 1024}' "$work/time")
  first=$(head -1 "$work/out" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['read_mb_s'])")
  best=$(/usr/bin/python3 -c "import json,sys; print(max(json.loads(l)['read_mb_s'] for l in sys.stdin))" < "$work/out")
  echo "| $name | $first | $best | $rss |"
  echo "$first" > "$work/$name"
}
echo "# $(date -u +%FT%TZ) $(basename "$csv") ($(awk -v b="$(stat -c %s "$csv")" 'BEGIN {printf "%.1f", b / 1e6}') MB), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| reader | first read MB/s | best of $repeats MB/s | peak RSS MB |"
echo "|---|---:|---:|---:|"
# Compiled first: run as a source file, the JVM would still be compiling javac's own code (on the same two
# cores) during the first read, which `mlship run` never does.
"$JAVA_HOME/bin/javac" -cp "$cp" -d "$work/classes" "$here/CsvIngest.java"
# The launcher's JVM flags; the heap may grow as the launcher lets it.
run mlship "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseTransparentHugePages ${MLSHIP_JAVA_OPTS:-} \
  -cp "$work/classes:$cp" CsvIngest "$csv" "$repeats"
run pandas /usr/bin/python3 "$here/pandas_read.py" "$csv" "$repeats"
awk -v a="$(cat "$work/mlship")" -v b="$(cat "$work/pandas")" 'BEGIN {printf "| **mlship / pandas (first read)** | **%.2f** | | |\n", a / b}'
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
