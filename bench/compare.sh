#!/usr/bin/env bash
# `mlship run` against the same pipeline in scikit-learn (bench/sklearn_pipeline.py), one after the
# other on the same CSV, with the same hyper-parameters, 2 threads a side, 2-fold cross-validation on
# both sides (mlship always cross-validates) and no bootstrap intervals. Prints per pair: wall time and
# peak RSS (/usr/bin/time -v), the ratio mlship / scikit-learn, stage times, CSV ingest MB/s and each
# side's test AUC. Needs Debian's python3-sklearn and python3-pandas; builds mlship when needed.
# Usage: bench/compare.sh ROWS [ALGORITHM ...]   (default: logistic random_forest gradient_boosting)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rows=${1:?rows}
shift
algorithms=("${@:-logistic random_forest gradient_boosting}")
read -r -a algorithms <<<"${algorithms[*]}"
csv="$here/data/bench-$rows.csv"
mkdir -p "$here/data"
[ -f "$csv" ] || /usr/bin/python3 "$here/generate.py" "$rows" "$csv" 42
mb=$(awk -v b="$(stat -c %s "$csv")" 'BEGIN {printf "%.1f", b / 1e6}')
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 MKL_NUM_THREADS=2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

params() {
  case "$1" in
    logistic) echo "{lambda: 1.0, tol: 1.0e-5, max_iter: 500}" ;;
    random_forest) echo "{trees: 100, max_depth: 12, min_samples_leaf: 5}" ;;
    gradient_boosting) echo "{trees: 100, max_depth: 3, shrinkage: 0.1, min_samples_leaf: 5}" ;;
    xgboost) echo "{n_estimators: 100, max_depth: 3, learning_rate: 0.1, max_bin: 255}" ;;
    *) echo "unknown algorithm $1" >&2; exit 2 ;;
  esac
}
peer() { [ "$1" = xgboost ] && echo hist_gradient_boosting || echo "$1"; }
measure() { # file, command...: runs it under /usr/bin/time -v; prints "wall_s rss_mb"
  local out=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$out" 2>&1 || { cat "$out" >&2; exit 1; }
  awk '/Elapsed \(wall clock\)/ {n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; w = s}
       /Maximum resident/ {r = $NF / 1024} END {printf "%.1f %.0f\n", w, r}' "$work/time"
}
stage() { awk -v s="[$2]" '$1 == s {print $2}' "$1"; }

echo "# $(date -u +%FT%TZ) $(nproc) cores, $rows rows ($mb MB), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| algorithm | side | wall s | peak RSS MB | read+prepare s | train (2-fold CV + refit) s | test AUC | ingest MB/s |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
"$here/../mlship" --version >/dev/null # builds once, outside the timings
for algorithm in "${algorithms[@]}"; do
  cat > "$work/$algorithm.yaml" <<YAML
name: bench-${algorithm//_/-}
data: {path: $csv, label: target, split: {test: 0.2, seed: 42}}
prepare: {impute: {numeric: median, categorical: most_frequent}, encode: onehot, scale: standard}
model: {task: classification, algorithm: $algorithm, params: $(params "$algorithm")}
evaluate: {primary: auc, metrics: [auc], folds: 2, bootstrap: 0}
YAML
  read -r m_wall m_rss < <(measure "$work/mlship.log" "$here/../mlship" run "$work/$algorithm.yaml" --out "$work/out-$algorithm")
  m_prep=$(stage "$work/mlship.log" prepare)
  m_train=$(stage "$work/mlship.log" train)
  m_auc=$(/usr/bin/python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['metrics']['auc']['value'], 4))" \
    "$work/out-$algorithm/metrics.json")
  m_rate=$(awk -v m="$mb" -v s="$m_prep" 'BEGIN {printf "%.0f", m / s}')
  echo "| $algorithm | mlship | $m_wall | $m_rss | $m_prep | $m_train | $m_auc | ≥ $m_rate |"

  p=$(peer "$algorithm")
  read -r s_wall s_rss < <(measure "$work/sklearn.log" /usr/bin/python3 "$here/sklearn_pipeline.py" "$csv" "$p" 2)
  json=$(tail -1 "$work/sklearn.log")
  get() { /usr/bin/python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$json" "$1"; }
  s_prep=$(awk -v a="$(get read_s)" -v b="$(get split_s)" 'BEGIN {printf "%.1f", a + b}')
  s_train=$(awk -v a="$(get cv_s)" -v b="$(get fit_s)" 'BEGIN {printf "%.1f", a + b}')
  echo "| $p | scikit-learn | $s_wall | $s_rss | $s_prep | $s_train | $(get auc) | $(get read_mb_s) |"
  awk -v a="$m_wall" -v b="$s_wall" -v c="$m_rss" -v d="$s_rss" -v e="$m_train" -v f="$s_train" -v n="$algorithm" \
    'BEGIN {printf "| %s | **mlship / scikit-learn** | **%.2f** | %.2f | | %.2f | | |\n", n, a / b, c / d, e / f}'
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
