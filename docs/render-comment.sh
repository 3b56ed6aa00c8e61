#!/usr/bin/env bash
# Renders a review comment (Markdown with Mermaid charts) as a reader sees it: marked turns it into HTML,
# Mermaid draws the charts, headless Chromium takes a screenshot with every folded section open. Prints
# how many charts drew and every Mermaid error (none expected). Needs Debian's chromium and the npm
# packages marked and mermaid in NODE_DIR (e.g. `npm install --prefix /tmp/render marked mermaid`).
# Usage: docs/render-comment.sh COMMENT.md NODE_DIR OUT.png
set -euo pipefail
md=$(realpath "${1:?comment markdown}")
node_dir=$(realpath "${2:?folder holding node_modules/marked and node_modules/mermaid}")
png=$(realpath -m "${3:?screenshot}")
page="$node_dir/render-$$.html"
trap 'rm -f "$page"' EXIT
python3 - "$md" "$page" <<'PY'
import json, sys
md = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write("""<!doctype html><html><head><meta charset="utf-8">
<style>body{font:14px -apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1000px;margin:16px auto}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:3px 8px}pre{background:#f6f8fa}</style>
<script src="node_modules/marked/lib/marked.umd.js"></script>
<script src="node_modules/mermaid/dist/mermaid.min.js"></script></head><body><div id="comment"></div>
<pre id="result">pending</pre><script>
(async () => {
  const errors = [];
  document.getElementById("comment").innerHTML = marked.parse(%s);
  document.querySelectorAll("details").forEach(d => d.open = true);
  document.querySelectorAll("code.language-mermaid").forEach(c => {
    const div = document.createElement("div"); div.className = "mermaid"; div.textContent = c.textContent;
    c.parentElement.replaceWith(div);
  });
  mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
  mermaid.parseError = (e) => errors.push(String(e));
  const charts = document.querySelectorAll("div.mermaid");
  try { await mermaid.run({nodes: charts}); } catch (e) { errors.push(String(e)); }
  const drawn = [...charts].filter(c => c.querySelector("svg") && !c.textContent.includes("Syntax error")).length;
  document.getElementById("result").textContent =
    "charts " + charts.length + ", drawn " + drawn + ", errors " + errors.length + (errors.length ? ": " + errors.join(" | ") : "");
})();
</script></body></html>""" % json.dumps(md))
PY
flags=(--headless --no-sandbox --disable-gpu --allow-file-access-from-files --virtual-time-budget=20000)
chromium "${flags[@]}" --dump-dom "file://$page" 2>/dev/null | grep -o 'charts [0-9]*, drawn [0-9]*, errors [0-9]*[^<]*'
chromium "${flags[@]}" --window-size=1100,6000 --screenshot="$png" "file://$page" 2>/dev/null
echo "screenshot $png"
