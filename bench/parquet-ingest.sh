#!/usr/bin/env bash
# Parquet against CSV ingest: mlship's reader on the same synthetic data (bench/generate.py) written as CSV and
# as Parquet (by DuckDB, snappy, its default row groups), each read in a fresh JVM, one after the other, files
# in the page cache. Prints seconds of the first read and of the best of the repeats, peak RSS, and the ratio.
# Needs DuckDB's Python package to write the Parquet copy (pip install duckdb, or PYTHON=a venv's python).
# Usage: bench/parquet-ingest.sh [ROWS] [REPEATS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rows=${1:-1000000}
repeats=${2:-3}
python=${PYTHON:-python3}
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$here/data"
csv="$here/data/bench-$rows.csv"
parquet="$here/data/bench-$rows.parquet"
[ -f "$csv" ] || /usr/bin/python3 "$here/generate.py" "$rows" "$csv" 42
[ -f "$parquet" ] || "$python" - "$csv" "$parquet" <<'PY'
import sys, duckdb
duckdb.execute(f"COPY (SELECT * FROM read_csv('{sys.argv[1]}', header=true, "
               f"auto_type_candidates=['BIGINT', 'DOUBLE', 'VARCHAR'])) TO '{sys.argv[2]}' (FORMAT parquet, COMPRESSION snappy)")
PY
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
  echo "| $1 | $(awk -v b="$(stat -c %s "$2")" 'BEGIN {printf "%.0f", b / 1e6}') | $first | $best | $rss |"
  echo "$first $best" > "$work/$1"
}
echo "# $(date -u +%FT%TZ) $rows rows, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| reader | file MB | first read s | best of $repeats s | peak RSS MB |"
echo "|---|---:|---:|---:|---:|"
run csv "$csv"
run parquet "$parquet"
read -r cf cb < "$work/csv"
read -r pf pb < "$work/parquet"
awk -v cf="$cf" -v cb="$cb" -v pf="$pf" -v pb="$pb" \
  'BEGIN {printf "| **Parquet speed-up over CSV** | | **%.2fx** | **%.2fx** | |\n", cf / pf, cb / pb}'
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
