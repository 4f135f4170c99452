#!/usr/bin/env bash
# Run Landa's test suite (or, with "bench", its benchmarks; with "reliability", the
# fault measurements that write docs/reliability.md; with "loadtest", the pages under
# load beside a bare Django view, written to docs/performance.md) on real services:
# a throwaway PostgreSQL 15 and Redis 7 on free ports, headless Debian Chromium.
# Installs the Debian packages when they are missing and we are root. Everything it
# starts is stopped, and its data directory removed, when it exits.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"

need_packages=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need_packages+=(postgresql)
command -v redis-server >/dev/null || need_packages+=(redis-server)
command -v chromium >/dev/null || need_packages+=(chromium)
command -v msgfmt >/dev/null || need_packages+=(gettext)
# WeasyPrint (letters as PDF) draws text with Pango; DejaVu has Latin, Cyrillic and Arabic.
ldconfig -p | grep -q 'libpangoft2-1.0' || need_packages+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_packages+=(fonts-dejavu-core)
# The load generator, only for the load benchmark.
[ "$mode" != "loadtest" ] || command -v wrk >/dev/null || need_packages+=(wrk)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing ${need_packages[*]}; install them (Debian: apt-get install ${need_packages[*]}) or run as root." >&2
    exit 1
  fi
  echo "Installing ${need_packages[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

work=$(mktemp -d /tmp/landa-test.XXXXXX)
chmod 755 "$work"
pg_port=$(free_port)
redis_port=$(free_port)
as_db_user=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$work" 2>/dev/null || true
  as_db_user=(runuser -u postgres --)
fi

cleanup() {
  "${as_db_user[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  if [ -f "$work/redis.pid" ]; then kill "$(cat "$work/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"${as_db_user[@]}" "$pg_bin/initdb" -D "$work/pg" -U landa --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg_options="-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
"${as_db_user[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "$pg_options" start >/dev/null

cat > "$work/redis.conf" <<CONF
port $redis_port
bind 127.0.0.1
dir $work
pidfile $work/redis.pid
save ""
appendonly no
daemonize yes
logfile $work/redis.log
CONF
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work/redis.conf"
redis-server "$work/redis.conf"
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export DATABASE_URL="postgres://landa@127.0.0.1:$pg_port/landa"
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
export LANDA_TEST_REDIS_CONF="$work/redis.conf"
export LANDA_CHROMIUM="$(command -v chromium)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DJANGO_SETTINGS_MODULE=portal.settings.local
export DEBUG=0

if [ "$mode" = "bench" ]; then
  .venv/bin/python -m pytest bench -p no:cacheprovider -q --benchmark-columns=min,median,mean,ops,rounds
elif [ "$mode" = "loadtest" ]; then
  "${as_db_user[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U landa landa
  .venv/bin/python -m bench.load "${@:2}"
elif [ "$mode" = "reliability" ]; then
  # The measuring script stops and starts these services itself: tell it how.
  "${as_db_user[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U landa landa
  export LANDA_PG_CTL="${as_db_user[*]} $pg_bin/pg_ctl" LANDA_PG_DATA="$work/pg" LANDA_PG_OPTIONS="$pg_options"
  export LANDA_REDIS_CONF="$work/redis.conf"
  .venv/bin/python -m bench.reliability "${@:2}"
else
  .venv/bin/python -m pytest -p no:cacheprovider "${@:2}"
fi
