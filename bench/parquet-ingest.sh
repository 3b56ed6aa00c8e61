#!/usr/bin/env bash
# Parquet against CSV ingest: mlship's reader on the same synthetic data (bench/generate.py) written as CSV and
# as Parquet (by DuckDB through its JDBC driver, bench/ToParquet.java: snappy, DuckDB's row groups), each read
# in a fresh JVM, files in the page cache. Runs PAIRS pairs (default 5), CSV then Parquet, so a ratio compares
# runs seconds apart while the machine's speed drifts; prints per pair the seconds of the first read and of
# the best of the repeats and the peak RSS, then the medians of the ratios.
# The DuckDB driver comes from Maven Central through the Maven wrapper (org.duckdb:duckdb_jdbc).
# Usage: bench/parquet-ingest.sh [ROWS] [REPEATS] [PAIRS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rows=${1:-1000000}
repeats=${2:-3}
pairs=${3:-5}
duckdb_version=1.5.6.0
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
mkdir -p "$here/data"
csv="$here/data/bench-$rows.csv"
parquet="$here/data/bench-$rows.parquet"
[ -f "$csv" ] || /usr/bin/python3 "$here/generate.py" "$rows" "$csv" 42
duckdb="${MAVEN_REPO:-$HOME/.m2/repository}/org/duckdb/duckdb_jdbc/$duckdb_version/duckdb_jdbc-$duckdb_version.jar"
[ -f "$duckdb" ] || "$here/../mvnw" -B -ntp -q dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$duckdb_version" >/dev/null
[ -f "$parquet" ] || "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$duckdb" "$here/ToParquet.java" "$csv" "$parquet"
"$here/../mlship" --version >/dev/null # builds when needed
app="$here/../target/quarkus-app"
cp="$(ls "$app"/app/*.jar):$app/lib/main/*"
cat "$csv" "$parquet" > /dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$JAVA_HOME/bin/javac" -cp "$cp" -d "$work/classes" "$here/DataIngest.java"
run() { # name, file
  /usr/bin/time -v -o "$work/time" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -XX:+UseTransparentHugePages ${MLSHIP_JAVA_OPTS:-} \
    -cp "$work/classes:$cp" DataIngest "$2" "$repeats" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  local rss first best
  rss=$(awk '/Maximum resident/ {printf "%.0f", $NF / 1024}' "$work/time")
  first=$(head -1 "$work/out" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['read_s'])")
  best=$(/usr/bin/python3 -c "import json,sys; print(min(json.loads(l)['read_s'] for l in sys.stdin))" < "$work/out")
  echo "$first $best $rss" > "$work/$1"
}
echo "# $(date -u +%FT%TZ) $rows rows, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo "| pair | load | CSV first / best of $repeats s | Parquet first / best of $repeats s | peak RSS MB CSV / Parquet | CSV / Parquet time, first read | best |"
echo "|---|---:|---:|---:|---:|---:|---:|"
: > "$work/ratios"
for pair in $(seq 1 "$pairs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  run csv "$csv"
  run parquet "$parquet"
  read -r cf cb cr < "$work/csv"
  read -r pf pb pr < "$work/parquet"
  awk -v p="$pair" -v l="$load" -v cf="$cf" -v cb="$cb" -v cr="$cr" -v pf="$pf" -v pb="$pb" -v pr="$pr" \
    'BEGIN {printf "| %d | %s | %.2f / %.2f | %.2f / %.2f | %s / %s | %.2fx | %.2fx |\n", p, l, cf, cb, pf, pb, cr, pr, cf / pf, cb / pb}'
  awk -v cf="$cf" -v cb="$cb" -v pf="$pf" -v pb="$pb" 'BEGIN {print cf / pf, cb / pb}' >> "$work/ratios"
done
/usr/bin/python3 - "$work/ratios" <<'PY'
import statistics, sys
first, best = zip(*(map(float, l.split()) for l in open(sys.argv[1])))
print(f"| **median** | | | | | **{statistics.median(first):.2f}x** | **{statistics.median(best):.2f}x** |")
PY
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
