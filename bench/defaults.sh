#!/usr/bin/env bash
# Regenerates the defaults table of docs/algorithms.md: exports the public datasets (bench/defaults_data.py,
# once), scores every algorithm's mlship defaults against scikit-learn's (and XGBoost's) defaults on mlship's
# own folds (bench/defaults.py), then prints the Markdown tables (bench/defaults_table.py) with the machine,
# the load before and after, and the duration.
# Needs: python3-sklearn, python3-pandas, python3-xgboost, r-base-core, r-cran-mlbench, r-cran-ggplot2 (Debian).
# Usage: bench/defaults.sh [DATA_DIR] [extra bench/defaults.py arguments, e.g. --datasets iris,wine]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data=${1:-/work/benchdata/defaults}
shift || true
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
[ -f "$data/datasets.json" ] || /usr/bin/python3 "$here/defaults_data.py" "$data" > /dev/null
results="$data/results-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores," \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
/usr/bin/python3 "$here/defaults.py" --data "$data" --out "$results" "$@" > /dev/null
echo "# $(( ($(date +%s) - start) / 60 )) min, load after: $(cut -d' ' -f1-3 /proc/loadavg); results: $results"
DEFAULTS_DATA="$data" /usr/bin/python3 "$here/defaults_table.py" "$results"
