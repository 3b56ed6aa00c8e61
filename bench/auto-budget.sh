#!/usr/bin/env bash
# How long `algorithm: auto` searches with its default budget, at 10k and 1M rows (bench/generate.py's
# synthetic credit data: 28 numeric and 2 categorical columns, binary target, 2 % missing), 5 folds.
# Prints per size: the search's seconds (from the run's log), the whole run's wall time and CPU time (user +
# system: on a loaded machine, CPU time / cores bounds what the run would take alone), the winner, and the
# 1-minute load average before the run. The budget's targets: search <= 60 s at 10k rows, <= 300 s at 1M.
# Usage: bench/auto-budget.sh [ROWS ...]   (default: 10000 1000000); AUTO_TRIALS=N sets model.auto.trials.
# Data goes to bench/data/ (gitignored; link it to a folder outside the checkout for the large files).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sizes=("${@:-10000 1000000}")
read -r -a sizes <<<"${sizes[*]}"
mkdir -p "$here/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
printf '%-9s %-10s %-12s %-9s %-9s %-8s %s\n' rows search_s search_cpu_s run_s cpu_s load1 winner
for rows in "${sizes[@]}"; do
  csv="$here/data/bench-$rows.csv"
  [ -f "$csv" ] || /usr/bin/python3 "$here/generate.py" "$rows" "$csv" 42
  budget=""
  [ -z "${AUTO_TRIALS:-}" ] || budget="  auto: {trials: $AUTO_TRIALS}"
  cat >"$work/mlship.yaml" <<YAML
name: bench-auto
data: {path: $csv, label: target, split: {test: 0.2, seed: 42}}
model:
  task: classification
  algorithm: auto
$budget
evaluate: {primary: auc, folds: 5, bootstrap: 0}
YAML
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o "$work/time-$rows" -f '%e %U %S' \
    "$here/../mlship" run "$work/mlship.yaml" --out "$work/out-$rows" >"$work/log-$rows" 2>&1 || {
    echo "mlship run failed at $rows rows:" >&2
    tail -5 "$work/log-$rows" >&2
    exit 1
  }
  read -r wall user sys <"$work/time-$rows"
  line=$(grep -m1 '^ *auto: .* won with' "$work/log-$rows")
  search=$(sed -E 's/.*search ([0-9.]+) s.*/\1/' <<<"$line")
  search_cpu=$(sed -E 's/.*search [0-9.]+ s \(cpu ([0-9.]+) s\).*/\1/' <<<"$line")
  winner=$(sed -E 's/^ *auto: (.*) won with ([^ ]*) on.*/\1 (\2)/' <<<"$line")
  printf '%-9s %-10s %-12s %-9s %-9s %-8s %s\n' "$rows" "$search" "$search_cpu" "$wall" "$(echo "$user + $sys" | bc)" "$load" "$winner"
done
