#!/usr/bin/env bash
# xgboost (mlship's XGBoost4J path: column store -> float32 blocks -> QuantileDMatrix) against scikit-learn's
# HistGradientBoostingClassifier on the same rows and settings: 100 trees, learning rate 0.1, 255 bins,
# 2 threads; depth 3, and depth 6 with 31 leaves (best-first / lossguide). Wall time and peak RSS from
# /usr/bin/time -v, each side's AUC on the held-out rows. Needs `./mvnw package` (and test-compile) and
# Debian's python3-sklearn python3-pandas. Usage: bench/xgboost-vs-hgb.sh TRAIN_ROWS [TEST_ROWS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
train=${1:?train rows}
test=${2:-50000}
rows=$((train + test))
csv="$here/data/bench-$rows.csv"
[ -f "$csv" ] || python3 "$here/generate.py" "$rows" "$csv" 42
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
cp="$root/target/test-classes:$root/target/classes:$root/target/quarkus-app/lib/main/*"
export OMP_NUM_THREADS=2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "load before: $(uptime)"
for shape in "3 0" "6 31"; do
  set -- $shape
  for side in xgboost hgb; do
    if [ "$side" = xgboost ]; then
      cmd=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseTransparentHugePages -Djava.io.tmpdir=/tmp
           -cp "$cp" dev.mlship.bench.XGBoostFit "$csv" "$train" "$1" "$2")
    else
      cmd=(/usr/bin/python3 "$here/hgb_fit.py" "$csv" "$train" "$1" "$2")
    fi
    /usr/bin/time -v -o "$tmp/time" "${cmd[@]}" > "$tmp/out" 2> "$tmp/err"
    wall=$(grep Elapsed "$tmp/time" | awk '{print $NF}')
    rss=$(grep "Maximum resident" "$tmp/time" | awk '{printf "%d", $NF/1024}')
    echo "depth $1 leaves $2 | $(tail -1 "$tmp/out") | wall $wall | peak RSS $rss MB"
  done
done
echo "load after: $(uptime)"
