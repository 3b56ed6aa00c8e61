#!/usr/bin/env bash
# Drives `mlship serve` from a second process with wrk (Debian's `wrk`): single-row and 100-row V2
# requests flat out, and single rows paced at about 1,000 requests/s for the p99 at that rate.
# Usage: bench/serve-wrk.sh MODEL.onnx CSV [PORT]
# e.g.   ./mlship run examples/credit-risk && bench/serve-wrk.sh mlship-out/model.onnx examples/credit-risk/data/credit.csv
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="$1"; csv="$2"; port="${3:-18080}"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# V2 bodies from the CSV's first rows: numbers as FP64, text as BYTES, empty fields as null.
python3 - "$csv" "$work" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
def number(v):
    try:
        float(v); return True
    except ValueError:
        return False
cols = [c for c in rows[0] if c != "Status"]
numeric = {c for c in cols if all(number(r[c]) for r in rows if r[c] != "")}
def body(rs):
    return {"inputs": [{"name": c, "datatype": "FP64" if c in numeric else "BYTES", "shape": [len(rs)],
                        "data": [None if r[c] == "" else (float(r[c]) if c in numeric else r[c]) for r in rs]} for c in cols]}
json.dump(body(rows[:1]), open(sys.argv[2] + "/one.json", "w"))
json.dump(body(rows[:100]), open(sys.argv[2] + "/hundred.json", "w"))
PY
cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("BODY"), "r"); wrk.body = f:read("*a"); f:close()
if os.getenv("PACE_MS") then function delay() return tonumber(os.getenv("PACE_MS")) end end
LUA

"$here/mlship" serve --model "$model" --port "$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/v2/health/ready" && break; sleep 1; done
name="$(curl -s "http://127.0.0.1:$port/v2/models" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["models"][0])' 2>/dev/null \
  || sed -n 's/^serving \([^ ]*\).*/\1/p' "$work/serve.log")"
url="http://127.0.0.1:$port/v2/models/$name/infer"
run() { BODY="$1" wrk -t1 -c"$2" -d"$3" --latency -s "$work/post.lua" "$url"; }
BODY="$work/one.json" wrk -t1 -c16 -d10s -s "$work/post.lua" "$url" > /dev/null   # warm-up
echo "== 1 row, 16 connections";   run "$work/one.json" 16 15s | grep -E "Requests/sec|50%|99%|Non-2xx"
echo "== 100 rows, 4 connections"; run "$work/hundred.json" 4 15s | grep -E "Requests/sec|50%|99%|Non-2xx"
echo "== 1 row paced at ~1,000/s"; PACE_MS=16 run "$work/one.json" 16 20s | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
