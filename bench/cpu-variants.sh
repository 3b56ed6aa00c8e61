#!/usr/bin/env bash
# Which outputs of `mlship run` depend on the CPU: trains every algorithm on the examples' data once per
# OpenBLAS core type (OPENBLAS_CORETYPE forces the kernels another CPU would get) and once with the JVM
# restricted to SSE (-XX:UseAVX=0, what an old CPU gives the JIT) and to one core (-XX:ActiveProcessorCount=1:
# XGBoost and the forests run as many threads as the JVM sees cores), then prints each model.onnx's SHA-256
# per variant and whether the variants agree. RUNS=N trains each variant N times: a cell then reads
# "varies:K" when the N runs gave K different files (the same path run twice must give the same bytes).
# Usage: [VARIANTS="native Prescott ..."] [RUNS=N] bench/cpu-variants.sh [ALGORITHM ...]   (default: every algorithm)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
algorithms=("$@")
[ ${#algorithms[@]} -gt 0 ] || algorithms=(logistic linear ridge lasso elastic_net decision_tree random_forest
  gradient_boosting mlp svm xgboost)
read -r -a variants <<<"${VARIANTS:-native Haswell SkylakeX Zen Sandybridge Prescott jvm-sse one-core}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/mlship" --version >/dev/null

config() { # algorithm -> a config on the credit-risk data (classifiers) or the CPU data (linear regressions)
  case "$1" in
    linear|ridge|lasso|elastic_net)
      printf 'name: cpu\ndata: {path: %s, label: performance, split: {test: 0.2, seed: 3}}\nprepare: {max_categories: 10}\n' \
        "$root/examples/cpu-performance/data/cpu.csv"
      printf 'model: {task: regression, algorithm: %s}\nevaluate: {folds: 2, bootstrap: 0}\n' "$1" ;;
    *)
      printf 'name: credit\ndata: {path: %s, label: Status, split: {test: 0.2, seed: 42}}\n' \
        "$root/examples/credit-risk/data/credit.csv"
      printf 'model: {task: classification, algorithm: %s}\nevaluate: {folds: 2, bootstrap: 0, positive_class: bad}\n' "$1" ;;
  esac
}

native=$(env -u OPENBLAS_CORETYPE python3 -c 'import ctypes; l = ctypes.CDLL("libopenblas.so"); l.openblas_get_corename.restype = ctypes.c_char_p; print(l.openblas_get_corename().decode())' 2>/dev/null || echo unknown)
printf 'CPU: %s (OpenBLAS detects %s); load: %s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" "$native" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-18s' algorithm; printf ' %-12s' "${variants[@]}"; printf ' same\n'
for a in "${algorithms[@]}"; do
  config "$a" >"$work/$a.yaml"
  printf '%-18s' "$a"
  hashes=()
  for v in "${variants[@]}"; do
    # Every variant but the forced core types lets OpenBLAS detect the CPU, whatever the caller's environment says.
    env=(-u OPENBLAS_CORETYPE)
    case "$v" in
      native) ;;
      jvm-sse) env+=(JAVA_TOOL_OPTIONS=-XX:UseAVX=0) ;;
      one-core) env+=(JAVA_TOOL_OPTIONS=-XX:ActiveProcessorCount=1) ;;
      *) env+=(OPENBLAS_CORETYPE="$v") ;;
    esac
    runs=()
    for r in $(seq "${RUNS:-1}"); do
      out="$work/$a-$v-$r"
      if env "${env[@]}" "$root/mlship" run "$work/$a.yaml" --out "$out" >"$out.log" 2>&1; then
        runs+=("$(sha256sum "$out/model.onnx" | cut -c1-12)")
      else
        runs+=("exit-$?")
      fi
    done
    distinct=$(printf '%s\n' "${runs[@]}" | sort -u | wc -l)
    if [ "$distinct" -eq 1 ]; then h=${runs[0]}; else h="varies:$distinct"; fi
    hashes+=("$h")
    printf ' %-12s' "$h"
  done
  if [ "$(printf '%s\n' "${hashes[@]}" | sort -u | wc -l)" -eq 1 ]; then echo ' yes'; else echo ' NO'; fi
done
