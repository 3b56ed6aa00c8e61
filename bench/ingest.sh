#!/usr/bin/env bash
# CSV ingest alone: mlship's reader (bench/CsvIngest.java, with the classpath of the built application)
# against pandas.read_csv (bench/pandas_read.py) on the same file, each in a fresh process, the file
# already in the page cache (read once before). Runs PAIRS pairs (default 5), mlship then pandas, so a
# ratio compares runs seconds apart while the machine's speed drifts; prints per pair the MB/s of the
# first read and of the best of the repeats, each process's peak RSS and the 1-minute load, then the
# median of the first-read ratios. Usage: bench/ingest.sh CSV [REPEATS] [PAIRS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
csv=${1:?csv}
repeats=${2:-3}
pairs=${3:-5}
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
"$here/../mlship" --version >/dev/null # builds when needed
app="$here/../target/quarkus-app"
cp="$(ls "$app"/app/*.jar):$app/lib/main/*"
cat "$csv" > /dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() { # command...: prints "first best rss" of one fresh process
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  local rss first best
  rss=$(awk '/Maximum resident/ {printf "%.0f", $NF / 1024}' "$work/time")
  first=$(head -1 "$work/out" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['read_mb_s'])")
  best=$(/usr/bin/python3 -c "import json,sys; print(max(json.loads(l)['read_mb_s'] for l in sys.stdin))" < "$work/out")
  echo "$first $best $rss"
}
echo "# $(date -u +%FT%TZ) $(basename "$csv") ($(awk -v b="$(stat -L -c %s "$csv")" 'BEGIN {printf "%.1f", b / 1e6}') MB)," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| pair | load | mlship first / best of $repeats MB/s | pandas first / best of $repeats MB/s | ratio first read | peak RSS MB mlship / pandas |"
echo "|---:|---:|---:|---:|---:|---:|"
# Compiled first: run as a source file, the JVM would still be compiling javac's own code (on the same two
# cores) during the first read, which `mlship run` never does.
"$JAVA_HOME/bin/javac" -cp "$cp" -d "$work/classes" "$here/CsvIngest.java"
for pair in $(seq 1 "$pairs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  # The launcher's JVM flags; the heap may grow as the launcher lets it.
  read -r m_first m_best m_rss < <(run "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseTransparentHugePages \
    ${MLSHIP_JAVA_OPTS:-} -cp "$work/classes:$cp" CsvIngest "$csv" "$repeats")
  read -r p_first p_best p_rss < <(run /usr/bin/python3 "$here/pandas_read.py" "$csv" "$repeats")
  ratio=$(awk -v a="$m_first" -v b="$p_first" 'BEGIN {printf "%.2f", a / b}')
  echo "$ratio" >> "$work/ratios"
  echo "| $pair | $load | $m_first / $m_best | $p_first / $p_best | $ratio | $m_rss / $p_rss |"
done
median=$(sort -n "$work/ratios" | awk '{r[NR] = $1} END {print (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2}')
echo "| **median** | | | | **$median** | |"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
