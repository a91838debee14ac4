#!/usr/bin/env bash
# Decoding throughput: keel-import (release build) versus the Python reference decoders
# (fitdecode, gpxpy, python-tcxparser), over the shared FIT, GPX and TCX files held in
# memory and repeated. Usage: bench/import.sh [KEEL_MB] [PY_MB]
#   KEEL_MB  input volume for keel (default 250)
#   PY_MB    input volume for Python (default 25; it is a rate, a smaller volume keeps the
#            run short)
# Env: KEEL_SHARED = path to shared/data/activity-files (default: found beside the repo).
set -euo pipefail
cd "$(dirname "$0")/.."
KEEL_MB="${1:-250}"
PY_MB="${2:-25}"

shared="${KEEL_SHARED:-}"
if [[ -z "$shared" ]]; then
  d="$PWD"
  while [[ "$d" != "/" ]]; do
    if [[ -d "$d/../shared/data/activity-files" ]]; then shared="$d/../shared/data/activity-files"; break; fi
    d="$(dirname "$d")"
  done
fi
[[ -d "$shared" ]] || { echo "shared/data/activity-files not found; set KEEL_SHARED" >&2; exit 2; }

echo "== building keel-import (release)"
cargo build --quiet --release -p keel-import --example decode_all
bin="target/release/examples/decode_all"

echo "== Python virtualenv (bench/.venv)"
if [[ ! -x bench/.venv/bin/python ]]; then
  python3 -m venv bench/.venv
fi
bench/.venv/bin/pip install --quiet --disable-pip-version-check fitdecode gpxpy python-tcxparser

echo "== keel: ${KEEL_MB} MB"
read -r kb kf ks _ < <("$bin" "$shared" --bench "$KEEL_MB")
echo "== python: ${PY_MB} MB"
read -r pb pf ps < <(bench/.venv/bin/python bench/py_decode.py "$shared" "$PY_MB")

awk -v kb="$kb" -v kf="$kf" -v ks="$ks" -v pb="$pb" -v pf="$pf" -v ps="$ps" 'BEGIN {
  kmb = kb / 1e6 / ks; kfs = kf / ks; pmb = pb / 1e6 / ps; pfs = pf / ps;
  printf "%-28s %10s %10s %12s %9s\n", "decoder", "MB", "seconds", "MB/s", "files/s";
  printf "%-28s %10.1f %10.2f %12.1f %9.0f\n", "keel-import (release)", kb/1e6, ks, kmb, kfs;
  printf "%-28s %10.1f %10.2f %12.2f %9.1f\n", "fitdecode+gpxpy+tcxparser", pb/1e6, ps, pmb, pfs;
  printf "ratio (keel / python): %.0fx\n", kmb / pmb;
}'
