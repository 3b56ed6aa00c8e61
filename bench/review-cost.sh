#!/usr/bin/env bash
# What the review's extra steps cost inside one xgboost run: training statistics, drift, permutation
# importance (this model and the baseline's ONNX), slices and calibration, against the whole run's wall
# time. Runs `mlship run` twice on a seeded synthetic CSV (bench/generate.py): once for the baseline, then
# with --baseline so every extra step runs; the figures are the second run's stage and step times
# (model-card.json timings_ms). Usage: bench/review-cost.sh [ROWS]   (default 1,000,000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
rows=${1:-1000000}
csv="$here/data/bench-$rows.csv"
mkdir -p "$here/data"
[ -f "$csv" ] || python3 "$here/generate.py" "$rows" "$csv" 42
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$csv" "$tmp/data.csv"
cat > "$tmp/mlship.yaml" <<'YAML'
name: review-cost
data: {path: data.csv, label: target, split: {test: 0.2, seed: 42}}
prepare: {impute: {numeric: none}}
model: {task: classification, algorithm: xgboost, params: {n_estimators: 100, max_depth: 6}}
evaluate:
  folds: 2
  slices: [segment, {column: x00, bins: [-1, 0, 1]}]
  slice_gates: {auc: {min: 0.5}}
  drift: {threshold: 0.2}
YAML
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores"
echo "load before: $(uptime)"
mlship="${MLSHIP:-$root/mlship}"   # another launcher (e.g. of a copied build) may be given
"$mlship" run "$tmp" --out "$tmp/baseline" > "$tmp/first.log"
start=$(date +%s.%N)
"$mlship" run "$tmp" --out "$tmp/candidate" --baseline "$tmp/baseline" > "$tmp/second.log"
end=$(date +%s.%N)
echo "load after: $(uptime)"
python3 - "$tmp/candidate/model-card.json" "$start" "$end" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["timings_ms"]
wall = float(sys.argv[3]) - float(sys.argv[2])
stages = ["preflight", "prepare", "train", "evaluate", "export", "baseline", "analyze", "parity", "package", "write"]
for s in stages:
    print(f"{s:>20} {t.get(s, 0) / 1000:8.1f} s")
extra_steps = ["statistics", "drift", "importance", "slices", "baseline importance"]
for s in extra_steps:
    print(f"{'  ' + s:>20} {t.get(s, 0) / 1000:8.1f} s")
# The analyze stage holds statistics, drift, importance, slices and calibration; the baseline's importance
# runs inside the baseline stage.
extra = t.get("analyze", 0) + t.get("baseline importance", 0)
total = sum(t.get(s, 0) for s in stages)
print(f"extra {extra / 1000:.1f} s of {total / 1000:.1f} s in stages ({100 * extra / total:.1f} %);"
      f" process wall {wall:.1f} s ({100 * extra / 1000 / wall:.1f} %)")
PY
