#!/usr/bin/env bash
# `mlship run` against the same pipeline in scikit-learn (bench/sklearn_pipeline.py), one after the
# other on the same CSV, with the same hyper-parameters, 2 threads a side, 2-fold cross-validation on
# both sides (mlship always cross-validates) and no bootstrap intervals. Prints per pair: wall time and
# peak RSS (/usr/bin/time -v), the ratio mlship / scikit-learn, stage times and each side's test AUC,
# with the 1-minute load average before each process. After gradient_boosting, scikit-learn's
# HistGradientBoosting runs the same pipeline as the fastest peer. Ends with CSV ingest alone
# (bench/ingest.sh). Needs Debian's python3-sklearn and python3-pandas; builds mlship when needed.
# mlship's logs are kept in bench/out/ROWS/ (stage times, CV folds, export and parity times).
# Usage: bench/compare.sh ROWS [ALGORITHM ...]   (default: logistic random_forest gradient_boosting;
#   also xgboost (depth 3) and xgboost_d6 (depth 6, 31 leaves), each against HistGradientBoosting so shaped,
#   and random_forest_smile: the forest on Smile's engine instead of the default)
#   hist_gradient_boosting alone runs only the scikit-learn peer; MLSHIP_BOOTSTRAP=N sets evaluate.bootstrap
#   (default 0) and SKIP_INGEST=1 leaves out the ingest measurement.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rows=${1:?rows}
shift
algorithms=("${@:-logistic random_forest gradient_boosting}")
read -r -a algorithms <<<"${algorithms[*]}"
csv="$here/data/bench-$rows.csv"
mkdir -p "$here/data"
[ -f "$csv" ] || /usr/bin/python3 "$here/generate.py" "$rows" "$csv" 42
mb=$(awk -v b="$(stat -L -c %s "$csv")" 'BEGIN {printf "%.1f", b / 1e6}')
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 MKL_NUM_THREADS=2
# Idle OpenMP threads sleep instead of spinning: on shared cores spinning makes HistGradientBoosting swing
# by 3-15x from run to run (see the XGBoost section of BENCHMARKS.md).
export OMP_WAIT_POLICY=passive
logs="$here/out/$rows"
mkdir -p "$logs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

params() {
  case "$1" in
    logistic) echo "{lambda: 1.0, tol: 1.0e-5, max_iter: 500}" ;;
    random_forest) echo "{trees: 100, max_depth: 12, min_samples_leaf: 5}" ;;
    random_forest_smile) echo "{trees: 100, max_depth: 12, min_samples_leaf: 5, engine: smile}" ;;
    gradient_boosting) echo "{trees: 100, max_depth: 3, shrinkage: 0.1, min_samples_leaf: 5}" ;;
    xgboost) echo "{n_estimators: 100, max_depth: 3, learning_rate: 0.1, max_bin: 255}" ;;
    xgboost_d6) echo "{n_estimators: 100, max_depth: 6, max_leaves: 31, grow_policy: lossguide, learning_rate: 0.1, max_bin: 255}" ;;
    *) echo "unknown algorithm $1" >&2; exit 2 ;;
  esac
}
peer() {
  case "$1" in xgboost) echo hist_gradient_boosting ;; xgboost_d6) echo hist_gradient_boosting_d6 ;;
    random_forest_smile) echo random_forest ;; *) echo "$1" ;; esac
}
named() { case "$1" in xgboost_d6) echo xgboost ;; random_forest_smile) echo random_forest ;; *) echo "$1" ;; esac; }
load() { cut -d' ' -f1 /proc/loadavg; }
measure() { # file, command...: runs it under /usr/bin/time -v; prints "wall_s rss_mb"
  local out=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$out" 2>&1 || { cat "$out" >&2; exit 1; }
  awk '/Elapsed \(wall clock\)/ {n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; w = s}
       /Maximum resident/ {r = $NF / 1024} END {printf "%.1f %.0f\n", w, r}' "$work/time"
}
stage() { awk -v s="[$2]" '$1 == s {print $2}' "$1"; }
sklearn() { # algorithm: runs the scikit-learn side, prints its row; sets s_wall, s_rss, s_train
  local l
  l=$(load)
  read -r s_wall s_rss < <(measure "$logs/$1-sklearn.log" /usr/bin/python3 "$here/sklearn_pipeline.py" "$csv" "$1" 2)
  local json
  json=$(tail -1 "$logs/$1-sklearn.log")
  get() { /usr/bin/python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$json" "$1"; }
  local prep rest
  prep=$(awk -v a="$(get read_s)" -v b="$(get split_s)" 'BEGIN {printf "%.1f", a + b}')
  s_train=$(awk -v a="$(get cv_s)" -v b="$(get fit_s)" 'BEGIN {printf "%.1f", a + b}')
  rest=$(awk -v w="$s_wall" -v p="$prep" -v t="$s_train" 'BEGIN {printf "%.1f", w - p - t}')
  echo "| $1 | scikit-learn | $l | $s_wall | $s_rss | $prep | $s_train | $rest | $(get auc) |"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, $rows rows ($mb MB), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| algorithm | side | load | wall s | peak RSS MB | read+split s | train (2-fold CV + refit) s | rest s | test AUC |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
"$here/../mlship" --version >/dev/null # builds once, outside the timings
for algorithm in "${algorithms[@]}"; do
  if [ "$algorithm" = hist_gradient_boosting ]; then
    sklearn hist_gradient_boosting
    continue
  fi
  cat > "$work/$algorithm.yaml" <<YAML
name: bench-${algorithm//_/-}
data: {path: $csv, label: target, split: {test: 0.2, seed: 42}}
prepare: {impute: {numeric: median, categorical: most_frequent}, encode: onehot, scale: standard}
model: {task: classification, algorithm: $(named "$algorithm"), params: $(params "$algorithm")}
evaluate: {primary: auc, metrics: [auc], folds: 2, bootstrap: ${MLSHIP_BOOTSTRAP:-0}}
YAML
  l=$(load)
  read -r m_wall m_rss < <(measure "$logs/$algorithm-mlship.log" "$here/../mlship" run "$work/$algorithm.yaml" --out "$work/out-$algorithm")
  m_prep=$(awk -v s="$(stage "$logs/$algorithm-mlship.log" prepare)" 'BEGIN {printf "%.1f", s}')
  m_train=$(stage "$logs/$algorithm-mlship.log" train)
  m_rest=$(awk -v w="$m_wall" -v p="$m_prep" -v t="$m_train" 'BEGIN {printf "%.1f", w - p - t}')
  m_auc=$(/usr/bin/python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['metrics']['auc']['value'], 4))" \
    "$work/out-$algorithm/metrics.json")
  echo "| $algorithm | mlship | $l | $m_wall | $m_rss | $m_prep | $m_train | $m_rest | $m_auc |"
  sklearn "$(peer "$algorithm")"
  awk -v a="$m_wall" -v b="$s_wall" -v c="$m_rss" -v d="$s_rss" -v e="$m_train" -v f="$s_train" -v n="$algorithm" \
    'BEGIN {printf "| %s | **mlship / scikit-learn** | | **%.2f** | %.2f | | %.2f | | |\n", n, a / b, c / d, e / f}'
  if [ "$algorithm" = gradient_boosting ]; then
    sklearn hist_gradient_boosting
    awk -v a="$m_wall" -v b="$s_wall" -v e="$m_train" -v f="$s_train" \
      'BEGIN {printf "| gradient_boosting | **mlship / HistGradientBoosting** | | %.2f | | | %.2f | | |\n", a / b, e / f}'
  fi
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -z "${SKIP_INGEST:-}" ]; then
  echo
  "$here/ingest.sh" "$csv" 3
fi
