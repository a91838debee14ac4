#!/usr/bin/env bash
# The coach's dashboard under load: a coach linked to 500 synthetic athletes (a year of log
# each, adjustments recorded by `keel coach replan`), `keel serve --database` on a free
# port, one cold request (every row computed), then wrk at 50 connections for 20 s on the
# warm dashboard. Target: p99 under 50 ms on 2 cores.
#
# bench/coach.sh sources this file and calls `measure_dashboard` after its replans (it sets
# $url, $keel, $TODAY and $N). Run directly, it runs bench/coach.sh with 500 athletes
# (BENCH_ATHLETES overrides), which ends with this measure.
#
# Env: DASH_ATHLETES (500), DASH_CONNECTIONS (50), DASH_SECONDS (20).
set -euo pipefail

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  cd "$(dirname "$0")/.."
  BENCH_ATHLETES="${BENCH_ATHLETES:-500}" exec bench/coach.sh
fi

# measure_dashboard: prints one Markdown table row (the rest goes to stderr).
measure_dashboard() {
  local athletes="${DASH_ATHLETES:-500}" conns="${DASH_CONNECTIONS:-50}" secs="${DASH_SECONDS:-20}"
  local email="bench-coach@example.org" password="bench coach password"
  command -v wrk >/dev/null || need wrk wrk
  command -v curl >/dev/null || need curl curl
  if (( N < athletes )); then athletes="$N"; fi
  echo "== dashboard: a coach with $athletes athletes, wrk at $conns connections" >&2
  echo "$password" | "$keel" coach add-coach "$email" --database "$url" >&2
  psql "$url" -qc "INSERT INTO coach_athletes (coach_id, athlete_id, created_at)
    SELECT u.id, a.id, now() FROM users u, (SELECT id FROM athletes ORDER BY id LIMIT $athletes) a
    WHERE lower(u.email) = '$email'" >/dev/null
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  # Not local: the EXIT trap (of this command substitution's subshell) reads them.
  dir="$(mktemp -d /tmp/keel-bench-web.XXXXXX)"
  "$keel" serve --database "$url" --port "$port" --today "$TODAY" 2>"$dir/serve.log" &
  pid=$!
  # Stop the server whatever happens (by its pid only).
  trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
  local base="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -fs -o /dev/null "$base/login" && break; sleep 0.1; done
  local csrf session
  csrf="$(curl -fs -c "$dir/jar" "$base/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n1)"
  curl -fs -b "$dir/jar" -c "$dir/jar" -o /dev/null --data-urlencode "csrf=$csrf" \
    --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/login"
  session="$(awk '$6 == "keel_session" { print $7 }' "$dir/jar")"
  [[ -n "$session" ]] || { echo "bench: the coach could not log in" >&2; cat "$dir/serve.log" >&2; return 1; }
  local cold rows
  local size
  cold="$(curl -fs -o "$dir/dash.html" -w '%{time_total}' -H "Cookie: keel_session=$session" "$base/coach")"
  rows="$(grep -c '<tr id="athlete-' "$dir/dash.html" || true)"
  size="$(curl -fs -H "Cookie: keel_session=$session" -H "Accept-Encoding: gzip" "$base/coach" | wc -c)"
  echo "cold dashboard ($rows rows computed): ${cold} s; $(wc -c <"$dir/dash.html") bytes, $size gzipped" >&2
  # As a browser asks: gzip accepted (the page is kept gzipped).
  wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Cookie: keel_session=$session" \
    -H "Accept-Encoding: gzip, deflate, br" "$base/coach" >"$dir/wrk.txt"
  cat "$dir/wrk.txt" >&2
  local rps p50 p99 rss non2xx
  rps="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$dir/wrk.txt")"
  p50="$(awk '$1 == "50%" { print $2 }' "$dir/wrk.txt")"
  p99="$(awk '$1 == "99%" { print $2 }' "$dir/wrk.txt")"
  non2xx="$(awk '/Non-2xx/ { print $4 }' "$dir/wrk.txt")"
  rss="$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$pid/status")"
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "| dashboard, coach with $rows athletes, $conns connections (wrk, ${secs} s) | $rps req/s, p50 $p50, p99 $p99${non2xx:+, $non2xx non-2xx}; cold (every row computed) $(printf '%.1f' "$cold") s; page $(( $(wc -c <"$dir/dash.html") / 1024 )) KB, $(( size / 1024 )) KB gzipped; server peak RSS $rss MB; load average $load |"
}
