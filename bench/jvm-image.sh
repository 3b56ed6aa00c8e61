#!/usr/bin/env bash
# Figures of the JVM image (target/mlship-jvm-image.tar, from ./mvnw -Pjvm-image package), measured
# without Docker: each layer's size compressed (what a runner downloads) and uncompressed (what it
# unpacks); the bytes of native libraries for other platforms that the image leaves out of the ONNX
# Runtime and XGBoost jars; and the median wall time of RUNS runs of `mlship --version` and of
# `mlship run` on examples/credit-risk inside the image (layers unpacked, chroot, the image's
# environment and entrypoint), with the AOT cache and without it (-XX:AOTMode=off), runs alternating.
# Usage (root): bench/jvm-image.sh [RUNS]    needs jq
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
image="$here/target/mlship-jvm-image.tar"
[ -f "$image" ] || { echo "build first: ./mvnw -Pjvm-image package" >&2; exit 2; }
work="$(mktemp -d)"
root="$work/rootfs"
cleanup() {
  for m in proc dev; do mountpoint -q "$root/$m" && umount "$root/$m"; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
echo "uptime at start: $(uptime)"
mkdir -p "$work/layout" "$root"
tar -xf "$image" -C "$work/layout"
blob() { echo "$work/layout/blobs/${1/://}"; }
manifest=$(blob "$(jq -r '.manifests[0].digest' "$work/layout/index.json")")
echo "image: $(jq -r '.manifests[0].digest' "$work/layout/index.json"), tar $(stat -c %s "$image") bytes"
config=$(blob "$(jq -r .config.digest "$manifest")")
names=(debian java-runtime native-libraries dependencies application aot-cache)
printf '%-18s %14s %16s\n' layer compressed uncompressed
i=0; total_c=0; total_u=0
for digest in $(jq -r '.layers[].digest' "$manifest"); do
  c=$(stat -c %s "$(blob "$digest")")
  u=$(gzip -dc "$(blob "$digest")" | wc -c)
  if gzip -dc "$(blob "$digest")" | tar -t --warning=no-unknown-keyword | grep -q '\.wh\.'; then echo "layer $digest has whiteouts; this script does not apply them" >&2; exit 1; fi
  printf '%-18s %14s %16s\n' "${names[$i]:-layer$i}" "$c" "$u"
  total_c=$((total_c + c)); total_u=$((total_u + u)); i=$((i + 1))
  tar -xzf "$(blob "$digest")" -C "$root" --numeric-owner --warning=no-unknown-keyword
done
printf '%-18s %14s %16s\n' total "$total_c" "$total_u"

# Other platforms' libraries: what the jars in target/quarkus-app carry beyond Linux x86-64's.
lib="$here/target/quarkus-app/lib/main"
others() { # jar, pattern of native entries, pattern of the kept platform: "compressed uncompressed"
  unzip -v "$1" | awk -v n="$2" -v keep="$3" '$NF ~ n && $NF !~ keep && $1 > 0 {u += $1; c += $3} END {print c + 0, u + 0}'
}
read -r ort_c ort_u < <(others "$lib"/com.microsoft.onnxruntime.onnxruntime-*.jar '^ai/onnxruntime/native/' 'linux-x64/')
read -r xgb_c xgb_u < <(others "$lib"/ml.dmlc.xgboost4j_*.jar '^lib/' 'linux/x86_64/')
echo "other platforms' native libraries left out: ONNX Runtime ${ort_c} bytes compressed in its jar (${ort_u} unpacked),"\
  "XGBoost ${xgb_c} (${xgb_u}); together $((ort_c + xgb_c)) compressed, $((ort_u + xgb_u)) unpacked"

mount --bind /proc "$root/proc"
mount --bind /dev "$root/dev"
mapfile -t env < <(jq -r '.config.Env[]' "$config")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mkdir -p "$root/github/workspace"
cp -a "$here/examples/credit-risk/." "$root/github/workspace/"
in_image() { # extra env... -- args...
  local extra=()
  while [ "$1" != -- ]; do extra+=("$1"); shift; done
  shift
  chroot "$root" /usr/bin/env -i -C /github/workspace "${env[@]}" HOME=/root "${extra[@]}" "${entrypoint[@]}" "$@"
}
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {printf "%d ms (min %d, max %d, n=%d)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
compare() { # label, args...
  local label="$1" with=() without=()
  shift
  for _ in $(seq "$runs"); do
    without+=("$(ms in_image MLSHIP_JAVA_OPTS=-XX:AOTMode=off -- "$@")")
    with+=("$(ms in_image -- "$@")")
  done
  echo "$label, AOT cache:    $(printf '%s\n' "${with[@]}" | median)"
  echo "$label, no AOT cache: $(printf '%s\n' "${without[@]}" | median)"
}
compare "--version" --version
compare "run credit-risk" run . --out /tmp/bench-out
echo "uptime at end: $(uptime)"
