#!/usr/bin/env bash
# keel on a 10-year training log, measured side by side with its peers in one run.
#
#   bench/speed.sh            build the log (once, cached in bench/out/) and measure all
#   bench/speed.sh import     only the import half;  bench/speed.sh serve  only CLI + web;
#   bench/speed.sh cli        only the CLI;  bench/speed.sh fit  only the FIT rows of the import
#                             half (no CSV, no 10-year log)
#
# What it builds (bench/fitbench, a bench-only crate): copies of the shared activity FIT files
# with every time field shifted to its own day and CRCs rewritten (nothing is de-duplicated),
# a synthetic Strong CSV, 3,650 check-ins and a stored 24-week profile.
# What it prints: one table of throughputs, latencies and ratios:
#   import   keel import (release) vs `cat` and `gzip -dc` of the same bytes, fitdecode
#            (Python) and the fitparser crate; the same files gzipped; CSV sets/s at two
#            sizes (linear when equal); peak RSS from a small to a large export
#   CLI      hyperfine means of `keel load` and `keel plan --format json`, and callgrind
#            instruction counts (stable on a busy machine)
#   web      wrk at 1 and 32 connections on every page and API, p99, server RSS
#
# Env: KEEL_SHARED (shared/data/activity-files), BENCH_OUT (bench/out), BENCH_FILES (2700
# FIT copies), BENCH_SETS (15000), BENCH_BIG_SETS (150000), BENCH_EXPORT_MB ("50 1000"),
# KEEL_BIN (a keel binary to measure instead of building this tree's), WRK_SECS (5), BENCH_PY_MB (8), BENCH_FP_MB (40): the peers' sample sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
what="${1:-all}"
OUT="${BENCH_OUT:-$root/bench/out}"
FILES="${BENCH_FILES:-2700}"
DAYS=3652
SETS="${BENCH_SETS:-15000}"
BIG_SETS="${BENCH_BIG_SETS:-150000}"
EXPORT_MB="${BENCH_EXPORT_MB:-50 1000}"
WRK_SECS="${WRK_SECS:-5}"
PY_MB="${BENCH_PY_MB:-8}"
FP_MB="${BENCH_FP_MB:-40}"

shared="${KEEL_SHARED:-}"
if [[ -z "$shared" ]]; then
  d="$root"
  while [[ "$d" != "/" ]]; do
    if [[ -d "$d/../shared/data/activity-files" ]]; then shared="$(cd "$d/../shared/data/activity-files" && pwd)"; break; fi
    d="$(dirname "$d")"
  done
fi
[[ -d "$shared" ]] || { echo "shared/data/activity-files not found; set KEEL_SHARED" >&2; exit 2; }

need() { # need CMD PACKAGE: installs a Debian package when the command is missing
  command -v "$1" >/dev/null && return
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
  command -v "$1" >/dev/null || { echo "bench: $1 is missing (apt-get install $2)" >&2; exit 2; }
}
need wrk wrk; need hyperfine hyperfine; need valgrind valgrind; need gzip gzip
[[ -x /usr/bin/time ]] || need time time

echo "== building keel and the bench tools (release)" >&2
if [[ -z "${KEEL_BIN:-}" ]]; then cargo build --quiet --release --locked -p keel; fi
(cd bench/fitbench && cargo build --quiet --release)
keel="${KEEL_BIN:-$root/target/release/keel}"
mklog="$root/bench/fitbench/target/release/mklog"
fitparser="$root/bench/fitbench/target/release/fitparser_decode"

today=$(date -u +%F)
end=$(date -u -d "$today - 1 day" +%F)
data="$OUT/data"
stamp="$FILES $DAYS $SETS $BIG_SETS $end"
if [[ "$(cat "$data/stamp" 2>/dev/null)" != "$stamp" ]]; then
  echo "== generating the 10-year log inputs in $data" >&2
  rm -rf "$data"; mkdir -p "$data"
  "$mklog" fit "$shared" "$data/fit" "$end" "$FILES" "$DAYS" >"$data/fit.count"
  # The same files gzipped, as a Strava export holds them.
  (cd "$data/fit" && find . -type d -exec mkdir -p "$data/fitgz/{}" \; &&
    find . -name '*.fit' -print0 | xargs -0 -P2 -I{} sh -c 'gzip -6 -c "$1" >"$2/$1.gz"' _ {} "$data/fitgz")
  "$mklog" strong "$data/strong.csv" "$end" "$SETS" "$DAYS" >/dev/null
  "$mklog" strong "$data/strong-big.csv" "$end" "$BIG_SETS" "$DAYS" >/dev/null
  echo "$stamp" >"$data/stamp"
fi
read -r nfiles fitbytes <"$data/fit.count"
gzbytes=$(du -sb "$data/fitgz" | cut -f1)

# ---------------------------------------------------------------- helpers
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" -v d="$3" 'BEGIN { printf "%.1f", n / d / s }'; }
rows=()
row() { rows+=("| $1 | $2 | $3 |"); }
# timed LABEL CMD...: runs CMD under GNU time; sets T (seconds) and RSS (MB, peak)
timed() {
  local t0 t1
  t0=$(now)
  /usr/bin/time -f '%M' -o "$OUT/time.rss" "$@" >"$OUT/last.out" 2>"$OUT/last.err" || {
    echo "bench: failed: $*" >&2; tail -5 "$OUT/last.err" >&2; exit 1; }
  t1=$(now)
  T=$(secs "$t0" "$t1")
  RSS=$(awk '{ printf "%.1f", $1 / 1024 }' "$OUT/time.rss")
}

db="$OUT/db"   # the 10-year log the CLI and the server read

# ---------------------------------------------------------------- import
if [[ "$what" == all || "$what" == import || "$what" == fit ]]; then
  echo "load before the import rows: $(uptime | sed 's/.*load average: //')" >&2
  echo "== import: $nfiles FIT files, $((fitbytes / 1000000)) MB" >&2
  sync
  timed sh -c "find '$data/fit' -name '*.fit' -print0 | xargs -0 cat >/dev/null"
  cat_mbs=$(rate "$fitbytes" "$T" 1e6)
  timed sh -c "find '$data/fitgz' -name '*.gz' -print0 | xargs -0 cat | gzip -dc >/dev/null"
  gz_mbs=$(rate "$fitbytes" "$T" 1e6)
  rm -rf "$OUT/imp"; timed "$keel" --data-dir "$OUT/imp" import "$data/fit"
  keel_mbs=$(rate "$fitbytes" "$T" 1e6); keel_s=$T; keel_rss=$RSS
  grep -E '^(Imported|Rejected)' "$OUT/last.out" >&2 || true
  rm -rf "$OUT/impgz"; timed "$keel" --data-dir "$OUT/impgz" import "$data/fitgz"
  keelgz_mbs=$(rate "$fitbytes" "$T" 1e6); keelgz_s=$T
  # The peers are slower: each decodes a sample of the same files (a rate, not a total).
  sample() { # sample DIR MB: the first files of the log, about MB megabytes
    rm -rf "$1"; mkdir -p "$1"
    find "$data/fit" -name '*.fit' | sort >"$OUT/files.list"
    head -n $(($2 * 1000000 / (fitbytes / nfiles) + 1)) "$OUT/files.list" | xargs cp -t "$1"
  }
  sample "$OUT/fpsample" "$FP_MB"
  timed "$fitparser" "$OUT/fpsample"
  read -r fpb _ fps <"$OUT/last.out"; fp_mbs=$(rate "$fpb" "$fps" 1e6)
  echo "== fitdecode (bench/.venv), about $PY_MB MB" >&2
  [[ -x bench/.venv/bin/python ]] || python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet --disable-pip-version-check fitdecode gpxpy python-tcxparser
  sample "$OUT/pysample" "$PY_MB"
  pyin=$(du -sb "$OUT/pysample" | cut -f1)
  timed bench/.venv/bin/python bench/py_decode.py "$OUT/pysample" $((pyin / 1000000 + 1))
  read -r pyb _ pys <"$OUT/last.out"; py_mbs=$(rate "$pyb" "$pys" 1e6)

  if [[ "$what" != fit ]]; then
    rm -rf "$OUT/csv1"; timed "$keel" --data-dir "$OUT/csv1" import "$data/strong.csv"
    csv_small=$(rate "$SETS" "$T" 1); csv_small_s=$T
    rm -rf "$OUT/csv2"; timed "$keel" --data-dir "$OUT/csv2" import "$data/strong-big.csv"
    csv_big=$(rate "$BIG_SETS" "$T" 1); csv_big_s=$T
  fi

  row "FIT import: cat (reading the files)" "$cat_mbs MB/s" ""
  row "FIT import: gzip -dc (same bytes)" "$gz_mbs MB/s" ""
  row "FIT import: keel import, plain .fit" "$keel_mbs MB/s" "$(awk -v a="$keel_mbs" -v b="$gz_mbs" 'BEGIN{printf "%.0f%% of gzip -dc", 100*a/b}') (${keel_s} s, peak RSS ${keel_rss} MB)"
  row "FIT import: keel import, .fit.gz" "$keelgz_mbs MB/s" "$(awk -v a="$keelgz_s" -v b="$keel_s" 'BEGIN{printf "%.2fx the time of plain", a/b}') (${keelgz_s} s, $((gzbytes / 1000000)) MB read)"
  row "FIT decode: fitparser crate" "$fp_mbs MB/s" "$(awk -v a="$keel_mbs" -v b="$fp_mbs" 'BEGIN{printf "keel import %.1fx", a/b}')"
  row "FIT decode: fitdecode (Python)" "$py_mbs MB/s" "$(awk -v a="$keel_mbs" -v b="$py_mbs" 'BEGIN{printf "keel import %.0fx", a/b}')"
  if [[ "$what" != fit ]]; then
    row "Strong CSV import, $SETS sets" "$csv_small sets/s" "(${csv_small_s} s)"
    row "Strong CSV import, $BIG_SETS sets" "$csv_big sets/s" "$(awk -v a="$csv_big" -v b="$csv_small" 'BEGIN{printf "%.2fx the rate of the small one (1 = linear)", a/b}')"
  fi

  # Peak memory from a small to a large Strava-like export (a zip of .fit.gz entries).
  for mb in $EXPORT_MB; do
    n=$((mb * 1000000 / (fitbytes / nfiles) + 1))
    zipf="$OUT/export-$mb.zip"
    if [[ ! -f "$zipf" ]]; then
      echo "== building a $mb MB export ($n files)" >&2
      rm -rf "$OUT/exp"; "$mklog" fit "$shared" "$OUT/exp/activities" "$end" "$n" "$DAYS" >/dev/null
      (cd "$OUT/exp" && find activities -name '*.fit' -print0 | xargs -0 -P2 -n64 gzip -6 && zip -q -0 -r "$zipf" activities)
      rm -rf "$OUT/exp"
    fi
    rm -rf "$OUT/impzip"; timed "$keel" --data-dir "$OUT/impzip" import "$zipf"
    row "Strava-like export, $mb MB of FIT (zip of .gz)" "$(rate "$((mb * 1000000))" "$T" 1e6) MB/s" "peak RSS $RSS MB"
  done
  rm -rf "$OUT/imp" "$OUT/impgz" "$OUT/impzip" "$OUT/csv1" "$OUT/csv2" "$OUT/fpsample" "$OUT/pysample"
  echo "load after the import rows: $(uptime | sed 's/.*load average: //')" >&2
fi

# ---------------------------------------------------------------- the 10-year log
mon=$(date -u -d "$today - $(( $(date -u -d "$today" +%u) - 1 )) days - 21 days" +%F)
race=$(date -u -d "$mon + 167 days" +%F)   # the Sunday of week 24
if [[ "$what" != import && "$what" != fit && "$(cat "$db/stamp" 2>/dev/null)" != "$stamp $mon" ]]; then
  echo "== building the 10-year log in $db" >&2
  rm -rf "$db"; mkdir -p "$db"
  "$keel" --data-dir "$db" import "$data/fit" "$data/strong.csv" >/dev/null
  sed -e "s/^race_date = .*/race_date = \"$race\"/" -e "s/^start = .*/start = \"$mon\"/" \
    examples/half-marathon.toml >"$db/profile.toml"
  "$keel" --data-dir "$db" profile set "$db/profile.toml" >/dev/null
  for ((i = DAYS - 1; i >= 2; i--)); do
    d=$(date -u -d "$today - $i days" +%F)
    echo "--date $d --sleep $((6 + i % 3)).5 --fatigue $((1 + i % 4)) --soreness-legs $((1 + i % 3)) --mood $((1 + i % 5))"
  done | xargs -L1 "$keel" --data-dir "$db" checkin >/dev/null
  echo "$stamp $mon" >"$db/stamp"
fi

if [[ "$what" == all || "$what" == serve || "$what" == cli ]]; then
  # ------------------------------------------------------------ CLI
  echo "== CLI (hyperfine, callgrind)" >&2
  export KEEL_DATA_DIR="$db"
  hyperfine -N --warmup 3 --min-runs 20 --export-json "$OUT/cli.json" \
    "$keel load" "$keel load --format json" "$keel plan --format json" >/dev/null 2>&1
  cli_ms() { python3 -c "import json,sys; r=json.load(open('$OUT/cli.json'))['results']; print('%.1f' % (r[$1]['mean']*1000))"; }
  callgrind() {
    valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.out" "$@" >/dev/null 2>"$OUT/cg.err"
    awk '/Collected :/ { printf "%.1fM", $4 / 1e6 }' "$OUT/cg.err"
  }
  row "keel load (text)" "$(cli_ms 0) ms" "$(callgrind "$keel" load) instructions"
  row "keel load --format json" "$(cli_ms 1) ms" "$(callgrind "$keel" load --format json) instructions"
  row "keel plan --format json (24 weeks)" "$(cli_ms 2) ms" "$(callgrind "$keel" plan --format json) instructions"
  # The first run after a write computes what the runs above read back (the load history,
  # the plan's JSON) and keeps it: a check-in in a copy of the log, before each timed run,
  # moves its data version.
  rm -rf "$OUT/dbcopy"; mkdir -p "$OUT/dbcopy"; cp "$db"/keel.db "$OUT/dbcopy/"
  export KEEL_DATA_DIR="$OUT/dbcopy"
  write="$keel checkin --date $end --sleep 7"
  hyperfine -N --warmup 2 --min-runs 20 --prepare "$write" --export-json "$OUT/cli.json" \
    "$keel load" "$keel plan --format json" >/dev/null 2>&1
  $write >/dev/null
  row "keel load, first run after a write" "$(cli_ms 0) ms" "$(callgrind "$keel" load) instructions"
  $write >/dev/null
  row "keel plan --format json, first run after a write" "$(cli_ms 1) ms" "$(callgrind "$keel" plan --format json) instructions"
  rm -rf "$OUT/dbcopy"
  unset KEEL_DATA_DIR
fi

if [[ "$what" == all || "$what" == serve ]]; then
  # ------------------------------------------------------------ web
  echo "== web (wrk ${WRK_SECS}s per run)" >&2
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$keel" --data-dir "$db" serve --port "$port" 2>"$OUT/serve.err" &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/static/keel.css" && break; sleep 0.1; done
  rss() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
  rss0=$(rss)
  lat_ms() { # wrk's "99%  12.34ms" to milliseconds
    awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.1f", v * f }' "$1"; }
  rps() { awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$1"; }
  bad() { awk '/Non-2xx/ { print " (" $NF " non-2xx)" }' "$1"; }
  for route in / /season /log /load /profile /api/plan /api/today /api/load /calendar.ics; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$route")
    wrk -t1 -c1 -d"${WRK_SECS}s" --latency "http://127.0.0.1:$port$route" >"$OUT/wrk1" 2>&1
    wrk -t2 -c32 -d"${WRK_SECS}s" --timeout 10s --latency "http://127.0.0.1:$port$route" >"$OUT/wrk32" 2>&1
    r1=$(rps "$OUT/wrk1"); r32=$(rps "$OUT/wrk32")
    row "GET $route (HTTP $code)" "$r32 req/s" "at 32 conn, p99 $(lat_ms "$OUT/wrk32") ms$(bad "$OUT/wrk32"); at 1 conn $r1 req/s, p99 $(lat_ms "$OUT/wrk1") ms; $(awk -v a="$r32" -v b="$r1" 'BEGIN{printf "%.2fx", a/b}'); RSS $(rss) MB"
  done
  peak=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status")
  row "keel serve memory" "$peak MB peak" "RSS $rss0 MB at start, $(rss) MB at the end"
  kill "$server"; wait "$server" 2>/dev/null || true
  trap - EXIT
fi

echo
echo "keel ${KEEL_BIN:-$(git -C "$root" rev-parse --short HEAD)} on $(nproc) cores; log: $nfiles FIT files ($((fitbytes / 1000000)) MB), $SETS sets, $((DAYS - 2)) check-ins"
echo "| what | figure | ratio / detail |"
echo "|---|---|---|"
printf '%s\n' "${rows[@]}"
