#!/usr/bin/env bash
# Does `mlship run` fit in a runner's memory? Runs one pipeline on bench/generate.py data inside a memory
# cgroup capped at LIMIT (the kernel kills the run past it, as a runner's would) with the launcher's own heap
# option, no user flags. The JVM is told the limit with -XX:MaxRAM as well, because HotSpot does not see the
# limit of a nested cgroup v1 on every host (this one: it reports the host's memory) while a runner's JVM sees
# the runner's memory. Prints one table row: rows, algorithm, limit, outcome (ok / killed by the cgroup /
# exit code), wall time, peak memory of the cgroup, load before.
# Usage (root): bench/memory-limit.sh ROWS ALGORITHM LIMIT_GIB   e.g. bench/memory-limit.sh 2000000 logistic 7
#   ALGORITHM: logistic, xgboost, random_forest, gradient_boosting (each with the parameters below; the tree
#   counts are small because the memory a run needs is set by the data, not by the number of trees).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rows=${1:?rows}
algorithm=${2:?algorithm}
gib=${3:?limit in GiB}
csv="$here/data/bench-$rows.csv"
mkdir -p "$here/data"
[ -f "$csv" ] || /usr/bin/python3 "$here/generate.py" "$rows" "$csv" 42
case "$algorithm" in
  logistic) params="{lambda: 1.0, tol: 1.0e-5, max_iter: 500}" ;;
  xgboost) params="{n_estimators: 20, max_depth: 6, learning_rate: 0.3}" ;;
  random_forest) params="{trees: 20, max_depth: 12, min_samples_leaf: 5}" ;;
  gradient_boosting) params="{trees: 20, max_depth: 3, shrinkage: 0.1, min_samples_leaf: 5}" ;;
  *) echo "unknown algorithm $algorithm" >&2; exit 2 ;;
esac
"$here/../mlship" --version >/dev/null # builds once, outside the measurement
work=$(mktemp -d)
logs="$here/out/memory"
mkdir -p "$logs"
log="$logs/$rows-$algorithm-${gib}g.log"
cat > "$work/mlship.yaml" <<YAML
name: memory-${algorithm//_/-}
data: {path: $csv, label: target, split: {test: 0.2, seed: 42}}
prepare: {impute: {numeric: median, categorical: most_frequent}, encode: onehot, scale: standard}
model: {task: classification, algorithm: $algorithm, params: $params}
evaluate: {primary: auc, metrics: [auc], folds: 2, bootstrap: 0}
YAML

# A child of this shell's memory cgroup: cgroup v2 (memory.max) or v1 (memory.limit_in_bytes).
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  parent="/sys/fs/cgroup$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)"
  cg="$parent/mlship-memory-$$"
  mkdir "$cg"
  echo "${gib}G" > "$cg/memory.max"
  echo 0 > "$cg/memory.swap.max" 2>/dev/null || true
  peak_file="$cg/memory.peak"
else
  parent="/sys/fs/cgroup/memory$(awk -F: '$2 == "memory" {print $3}' /proc/self/cgroup)"
  cg="$parent/mlship-memory-$$"
  mkdir "$cg"
  echo "${gib}G" > "$cg/memory.limit_in_bytes"
  echo "${gib}G" > "$cg/memory.memsw.limit_in_bytes" 2>/dev/null || true
  peak_file="$cg/memory.max_usage_in_bytes"
fi
cleanup() { rmdir "$cg" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

load=$(cut -d' ' -f1 /proc/loadavg)
start=$(date +%s.%N)
set +e
bash -c 'echo $$ > "$1/cgroup.procs"; shift; exec "$@"' _ "$cg" \
  env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS MLSHIP_JAVA_OPTS="-XX:MaxRAM=${gib}g" \
  "$here/../mlship" run "$work/mlship.yaml" --out "$work/out" > "$log" 2>&1
code=$?
set -e
wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f", e - s}')
peak=$(awk '{printf "%.0f", $1 / 1048576}' "$peak_file" 2>/dev/null || echo "?")
case $code in
  0) outcome=ok ;;
  137) outcome="killed by the cgroup (out of memory)" ;;
  *) outcome="exit $code: $(grep -m1 '^mlship:' "$log" | cut -c1-120)" ;;
esac
echo "| $rows | $algorithm | $gib GiB | $outcome | $wall | $peak | $load |"
