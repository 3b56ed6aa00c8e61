#!/usr/bin/env bash
# Writes docs/example-comment.md: the review comment of a real credit-risk pull-request run in which
# Income drifted. A local registry (Debian's docker-registry) holds production; `mlship ci` runs as the
# GitHub Action would (event payload, INPUT_* variables), once on main to push and promote production,
# then on a pull request whose data has Income multiplied by 1.5 (as a join in the wrong currency would
# give). The pull request's comment is taken from $GITHUB_STEP_SUMMARY (posting is turned off: no API).
# Needs docker-registry and python3. Usage: docs/example-comment.sh [OUT.md]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
out="${1:-$here/example-comment.md}"
tmp=$(mktemp -d)
registry_pid=
cleanup() { if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'version: 0.1\nlog: {level: error}\nstorage: {filesystem: {rootdirectory: %s/registry}}\nhttp: {addr: 127.0.0.1:%s}\n' \
  "$tmp" "$port" > "$tmp/registry.yml"
docker-registry serve "$tmp/registry.yml" > "$tmp/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" > /dev/null && break; sleep 0.2; done
if ! curl -sf "http://127.0.0.1:$port/v2/" > /dev/null; then
  echo "docker-registry did not answer on 127.0.0.1:$port within 10 s (apt-get install -y docker-registry):" >&2
  cat "$tmp/registry.log" >&2
  exit 4
fi

ws="$tmp/workspace"
mkdir -p "$ws/data"
cp "$root/examples/credit-risk/data/credit.csv" "$ws/data/credit.csv"
cat > "$ws/mlship.yaml" <<'YAML'
name: credit-risk
data:
  path: data/credit.csv
  label: Status
  split: {test: 0.2, seed: 42}
model:
  task: classification
  algorithm: gradient_boosting
  params: {trees: 200, max_depth: 3, shrinkage: 0.05}
evaluate:
  primary: auc
  positive_class: bad
  metrics: [auc, accuracy, recall, f1, logloss, brier]
  gates:
    auc: {min: 0.75, max_drop: 0.02}
    brier: {max: 0.2}
  slices: [Home, Job, {column: Age, bins: [30, 50]}]
  slice_gates: {auc: {min: 0.7}}
  drift: {threshold: 0.2, gate: [Income]}
YAML

github_env() { # EVENT SHA: the variables a GitHub Docker action sees
  mkdir -p "$tmp/$2"
  : > "$tmp/$2/output"; : > "$tmp/$2/summary.md"
  if [ "$1" = pull_request ]; then
    sed -e "s/\${head_owner}/acme/g" -e "s/\${head_sha}/$2/g" -e "s/\${fork}/false/g" \
      "$root/src/test/resources/forges/github/pull_request-event.json" > "$tmp/$2/event.json"
  else
    echo '{"inputs": {}}' > "$tmp/$2/event.json"
  fi
  env -i PATH="$PATH" HOME="$HOME" JAVA_HOME="${JAVA_HOME:-}" TMPDIR="$tmp" MLSHIP_CACHE_DIR="$tmp/jib" \
    GITHUB_ACTIONS=true CI=true GITHUB_EVENT_NAME="$1" GITHUB_EVENT_PATH="$tmp/$2/event.json" GITHUB_SHA="$2" \
    GITHUB_REF=refs/heads/main GITHUB_REPOSITORY=acme/credit-risk GITHUB_API_URL=http://127.0.0.1:9 \
    GITHUB_SERVER_URL=https://github.com GITHUB_WORKSPACE="$ws" GITHUB_OUTPUT="$tmp/$2/output" \
    GITHUB_STEP_SUMMARY="$tmp/$2/summary.md" INPUT_CONFIG=mlship.yaml INPUT_WORKING_DIRECTORY="$ws" \
    INPUT_IMAGE="127.0.0.1:$port/acme/credit-risk" INPUT_COMMENT=false INPUT_FAIL_ON_GATE=true \
    INPUT_MODE="$3" "$root/mlship" ci
}

production=0123456789abcdef0123456789abcdef01234567
candidate=89abcdef0123456789abcdef0123456789abcdef
echo "== main: push and promote production"
(cd "$ws" && github_env workflow_dispatch "$production" run) | grep -E '^\[|promoted|baseline|drift' || true

python3 - "$ws/data/credit.csv" <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.reader(open(path, newline="")))
col = rows[0].index("Income")
for r in rows[1:]:
    if r[col]:
        r[col] = "%.1f" % (float(r[col]) * 1.5)
csv.writer(open(path, "w", newline=""), quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
PY

echo "== pull request: Income x 1.5"
set +e
(cd "$ws" && github_env pull_request "$candidate" evaluate) | grep -E '^\[|drift|gate|: [0-9.]+ s$'
code=${PIPESTATUS[0]}
set -e
echo "exit code $code"
if [ ! -s "$tmp/$candidate/summary.md" ]; then
  echo "the pull request's run wrote no comment (exit code $code): $out is left as it was" >&2
  exit 1
fi
sed -e "s#$tmp#/tmp#g" -e "s#127\.0\.0\.1:$port#registry.example#g" "$tmp/$candidate/summary.md" > "$out"
echo "wrote $out ($(wc -c < "$out") bytes)"
