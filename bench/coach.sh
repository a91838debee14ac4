#!/usr/bin/env bash
# Coach mode at scale: N synthetic athletes on a local PostgreSQL, then `keel coach replan`
# timed with its peak memory. Prints a Markdown table.
#
#   bench/coach.sh                 10,000 athletes on a PostgreSQL cluster of its own
#   BENCH_ATHLETES=500 bench/coach.sh
#
# What it builds (keel-store's `coach_seed` example, loaded with COPY): each athlete with a
# stored profile drawn across races (5k to ultra, fitness, off-season), ages 18-70,
# equipment, 20-100 km a week, seasons that started up to 20 weeks before TODAY, six time
# zones; a year of runs (3-6 a week), strength workouts (1-3 a week, 4-6 sets each) and
# check-ins (8 days in 10; some athletes tired, so their plans adapt). No per-second samples.
# What it measures: the load (rows/s), then `keel coach replan` twice: the first night
# records every athlete's adjustments, the second finds them recorded (a quiet night), each
# with its peak RSS, its CPU time and the machine's load average (other work on the machine
# shows there). The coach's dashboard (wrk) goes in `measure_dashboard`, marked below.
#
# Env: BENCH_ATHLETES (10000), BENCH_TODAY (2027-03-15), KEEL_BENCH_DATABASE_URL (an
# existing server to use instead of starting one: a database is created in it and dropped
# after), KEEL_BIN (a keel binary to measure instead of building this tree's), BENCH_KEEP=1
# (keep the database and the cluster: the data takes about 170 KB an athlete on disk,
# 1.6 GB for 10,000, plus up to 4 GB of write-ahead log while loading).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
N="${BENCH_ATHLETES:-10000}"
TODAY="${BENCH_TODAY:-2027-03-15}"

need() { # need CMD PACKAGE: installs a Debian package when the command is missing
  command -v "$1" >/dev/null && return
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
  command -v "$1" >/dev/null || { echo "bench: $1 is missing (apt-get install $2)" >&2; exit 2; }
}
need psql postgresql-client
[[ -x /usr/bin/time ]] || need time time

echo "== building keel and the seeder (release)" >&2
if [[ -z "${KEEL_BIN:-}" ]]; then cargo build --quiet --release --locked -p keel; fi
cargo build --quiet --release --locked -p keel-store --example coach_seed
keel="${KEEL_BIN:-$root/target/release/keel}"
seed="$root/target/release/examples/coach_seed"

# A server: the one named, else a cluster of our own in a temporary directory (as the
# `postgres` user when run as root), durable settings (fsync on), 512 MB of shared buffers.
pg_dir=""
cleanup() {
  if [[ -n "${BENCH_KEEP:-}" ]]; then echo "kept: ${url:-} ${pg_dir}" >&2; return; fi
  if [[ -n "${admin:-}" && -n "${db:-}" ]]; then psql "$admin" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; fi
  if [[ -n "$pg_dir" ]]; then
    as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
as_pg() { if [[ $(id -u) == 0 ]]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if [[ -n "${KEEL_BENCH_DATABASE_URL:-}" ]]; then
  admin="$KEEL_BENCH_DATABASE_URL"
else
  pg_bin=""
  for d in /usr/lib/postgresql/*/bin; do [[ -x "$d/initdb" ]] && pg_bin="$d"; done
  if [[ -z "$pg_bin" ]]; then need initdb postgresql; pg_bin="$(dirname "$(command -v initdb)")"; fi
  pg_dir="$(mktemp -d /tmp/keel-bench-pg.XXXXXX)"
  [[ $(id -u) == 0 ]] && chown postgres "$pg_dir"
  chmod 700 "$pg_dir"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  as_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U keel -A trust -E UTF8" >"$pg_dir/initdb.log" 2>&1
  as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w start -o \"-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c shared_buffers=512MB -c max_wal_size=4GB\"" >/dev/null
  admin="postgresql://keel@127.0.0.1:$port/postgres"
fi
db="keel_bench_$$"
psql "$admin" -qc "CREATE DATABASE $db" >/dev/null
url="${admin%/*}/$db"
pg_version="$(psql "$admin" -tAc 'SHOW server_version' | cut -d' ' -f1)"

echo "== loading $N athletes (COPY)" >&2
t0=$(date +%s.%N)
"$seed" "$url" "$N" "$TODAY" >&2
t1=$(date +%s.%N)
load_s=$(echo "$t1 - $t0" | bc)
rows=$(psql "$url" -tAc "SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM strength_workouts) + (SELECT count(*) FROM strength_sets) + (SELECT count(*) FROM checkins) + (SELECT count(*) FROM profiles)")
size=$(psql "$url" -tAc "SELECT pg_size_pretty(pg_database_size(current_database()))")

replan() { # replan LABEL: one timed run; sets line, secs, rss_mb, cpu_s, load
  local out
  out=$(KEEL_TODAY="$TODAY" /usr/bin/time -f "%e %M %U %S" "$keel" coach replan --database "$url" 2>&1)
  line=$(grep '^Replanned' <<<"$out")
  read -r secs rss_kb user_s sys_s < <(tail -n1 <<<"$out")
  rss_mb=$((rss_kb / 1024))
  cpu_s=$(printf '%.1f' "$(echo "$user_s + $sys_s" | bc)")
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "$1: $line (peak RSS $rss_mb MB, keel CPU $cpu_s s, load average $load)" >&2
}
echo "== keel coach replan" >&2
replan "first night"; first_line="$line"; first_s="$secs"; first_rss="$rss_mb"; first_cpu="$cpu_s"; first_load="$load"
replan "quiet night"; quiet_s="$secs"; quiet_rss="$rss_mb"; quiet_cpu="$cpu_s"; quiet_load="$load"

# === DASHBOARD (web half): bench/coach-web.sh ==============================================
# measure_dashboard: a coach linked to 500 of the athletes, `keel serve --database` on a
# free port, wrk at 50 connections on the dashboard; prints one Markdown table row.
# shellcheck source=bench/coach-web.sh
source "$root/bench/coach-web.sh"
DASHBOARD_ROW="$(measure_dashboard)"
# =========================================================================================

per_s() { echo "scale=0; $1 / $2" | bc; }
cat <<TABLE

Coach mode on PostgreSQL $pg_version, $N athletes, $(nproc) cores, today $TODAY:

| measure | result |
|---|---|
| load (COPY): $rows rows, $size on disk | $(printf '%.1f' "$load_s") s, $(per_s "$rows" "$load_s") rows/s |
| keel coach replan, first night | $(printf '%.1f' "$first_s") s ($(per_s "$N" "$first_s") athletes/s), peak RSS $first_rss MB, keel CPU $first_cpu s, load average $first_load |
| keel coach replan, quiet night (nothing changed) | $(printf '%.1f' "$quiet_s") s ($(per_s "$N" "$quiet_s") athletes/s), peak RSS $quiet_rss MB, keel CPU $quiet_cpu s, load average $quiet_load |
${DASHBOARD_ROW}

${first_line}
TABLE
