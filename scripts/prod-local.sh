#!/usr/bin/env bash
# Loa deployed for production on this machine, reachable on 127.0.0.1 only: the pieces a
# province's server runs (docs/deploy.md), started by this script instead of systemd.
#   scripts/prod-local.sh start    install nginx and PostgreSQL if missing, start PostgreSQL,
#                                  migrate, load the units and create an admin login (first
#                                  start), collectstatic, start gunicorn, the task worker and
#                                  nginx, wait for /suc-khoe/, print the address; on a running
#                                  instance the same steps, reloading gunicorn and nginx and
#                                  restarting the worker (as after an upgrade)
#   scripts/prod-local.sh stop     stop nginx, gunicorn, the worker and PostgreSQL (data kept)
#   scripts/prod-local.sh status   what is running
# As root, it does what docs/deploy.md asks of a server: Loa runs as the system user `loa`
# (created if missing; as root in group loa when the loa user cannot run the venv's
# Python), its files are readable by group loa only, and nginx's workers (www-data, added
# to group loa) read them from there. As another user, everything runs as that user.
# Environment:
#   PROD_LOCAL_DIR      everything lives here (default var/prod): env (the LOA_* settings),
#                       pg/ (the cluster, its log), data/ (LOA_VAR_DIR: media/, static/),
#                       nginx/ (the generated nginx.conf), run/ (socket, pid files), log/
#   PROD_LOCAL_PORT     nginx's port on 127.0.0.1 (default 8088)
#   PROD_LOCAL_PG_PORT  PostgreSQL's port on 127.0.0.1 (default 54340)
#   PROD_LOCAL_DEMO=1   also load the demo data (`loa demo`; password loa-demo-2026)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dir=$(realpath -m "${PROD_LOCAL_DIR:-$here/var/prod}")
port=${PROD_LOCAL_PORT:-8088}
pg_port=${PROD_LOCAL_PG_PORT:-54340}
demo=${PROD_LOCAL_DEMO:-0}
bin=$here/.venv/bin
data=$dir/data
run=$dir/run
log=$dir/log
url="http://127.0.0.1:$port"
db_url="postgres://loa@127.0.0.1:$pg_port/loa"
site_conf=$here/deploy/nginx/loa.conf
nginx=/usr/sbin/nginx
nginx_args=(-p "$dir/nginx/" -c "$dir/nginx/nginx.conf" -e "$log/nginx-error.log")
root=0
if [ "$(id -u)" -eq 0 ]; then root=1; fi

say() { echo "prod-local: $*"; }

pg() { LOA_PG_DIR=$dir/pg LOA_PG_PORT=$pg_port LOA_PG_DB=loa bash "$here/scripts/pg.sh" "$@"; }

# Run a command as Loa's user, with the umask of its systemd units (setpriv and env
# exec the command: the pid stays the same, for the pid files). Set by make_user.
loa_user=()
as_loa() { (umask 027 && exec "${loa_user[@]}" "$@"); }

loa() { as_loa "$bin/loa" "$@"; }

query() { psql "$db_url" -tAc "$1"; }

# True when process $1 exists and has not ended (an ended one waiting to be reaped is a zombie).
alive() {
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# True when the pid in file $1 is alive and its command line holds $2 (not a reused pid).
running() {
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

# Send $4 (default TERM) to the process in pid file $1 (command line holding $2), wait up
# to 30 s for it to end, then kill it.
stop_pid() {
  local file=$1 pattern=$2 name=$3 signal=${4:-TERM} pid
  if running "$file" "$pattern"; then
    pid=$(cat "$file")
    kill -"$signal" "$pid"
    for _ in $(seq 150); do alive "$pid" || break; sleep 0.2; done
    if alive "$pid"; then
      say "$name did not stop within 30 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    say "$name stopped"
  fi
  rm -f "$file"
}

install_packages() {
  local missing=""
  [ -x "$nginx" ] || missing="$missing nginx"
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing="$missing postgresql"
  [ -z "$missing" ] && return
  if [ "$root" -ne 1 ]; then
    echo "prod-local needs Debian's$missing: run 'sudo apt-get install$missing' first." >&2
    exit 1
  fi
  say "installing$missing (apt-get)…"
  apt-get update -qq
  # Installing does not start Debian's own nginx service here; this instance is private.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# The system user `loa`, and nginx's www-data in its group (docs/deploy.md, step 2).
make_user() {
  [ "$root" -eq 1 ] || return 0
  if ! getent passwd loa >/dev/null; then
    adduser --system --group --home /nonexistent --no-create-home --shell /usr/sbin/nologin loa >/dev/null
    say "created the system user loa"
  fi
  if ! id -nG www-data | tr ' ' '\n' | grep -qx loa; then usermod -a -G loa www-data; fi
  local as_user=(setpriv --reuid=loa --regid=loa --init-groups env HOME=/nonexistent USER=loa LOGNAME=loa)
  if "${as_user[@]}" "$bin/python" -c "import loa" 2>/dev/null; then
    loa_user=("${as_user[@]}")
  else
    # e.g. a venv made from a pyenv Python under /root: only root may run it.
    say "the loa user cannot run $(readlink -f "$bin/python"): Loa runs as root, in group loa"
    loa_user=(setpriv --regid=loa --clear-groups)
  fi
}

# data/ (LOA_VAR_DIR) and run/ belong to loa, readable by its group; log/ is written by
# loa (gunicorn, the worker) and root (nginx's master).
make_dirs() {
  mkdir -p "$dir" "$data/media" "$data/static" "$dir/nginx/tmp" "$run" "$log"
  if [ "$root" -eq 1 ]; then
    chown -R loa:loa "$data" "$run" "$log"
    chmod 0750 "$data" "$data/media" "$data/static" "$run"
  fi
}

# The LOA_* settings, as /etc/loa/env holds them on a server (deploy/env.example). The
# secret key is made once and kept; the rest is rewritten at each start.
write_env() {
  local key=""
  if [ -f "$dir/env" ]; then key=$(sed -n 's/^LOA_SECRET_KEY=//p' "$dir/env"); fi
  if [ -z "$key" ]; then key=$("$bin/python" -c 'import secrets; print(secrets.token_urlsafe(64))'); fi
  (
    umask 077
    cat >"$dir/env" <<EOF
# Written by scripts/prod-local.sh; the secret key is kept across starts.
DJANGO_SETTINGS_MODULE=loa.config.settings.prod
LOA_SECRET_KEY=$key
LOA_ALLOWED_HOSTS=127.0.0.1,localhost
LOA_TLS=0
LOA_DATABASE_URL=$db_url
LOA_VAR_DIR=$data
LOA_X_ACCEL_REDIRECT=1
LOA_TRUSTED_PROXY_COUNT=1
EOF
  )
}

load_env() {
  set -a
  # shellcheck disable=SC1091
  . "$dir/env"
  set +a
}

# The block of deploy/nginx/loa.conf between the "Loa $1" markers, with the local paths.
conf_block() {
  sed -n "/# --- Loa $1 (begin) ---/,/# --- Loa $1 (end) ---/p" "$site_conf" |
    sed -e "s#unix:/run/loa/gunicorn.sock#unix:$run/gunicorn.sock#" -e "s#/var/lib/loa#$data#g"
}

# nginx.conf: the upstream, maps and locations of deploy/nginx/loa.conf, copied verbatim
# but for the paths, in a plain-HTTP server on 127.0.0.1.
write_nginx_conf() {
  {
    echo "# Generated by scripts/prod-local.sh from deploy/nginx/loa.conf: edit that file, not this one."
    if [ "$root" -eq 1 ]; then echo "user www-data;"; fi
    cat <<EOF
worker_processes 2;
pid $run/nginx.pid;
error_log $log/nginx-error.log warn;
events {
    worker_connections 256;
}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    access_log $log/nginx-access.log;
    client_body_temp_path $dir/nginx/tmp/client_body;
    proxy_temp_path $dir/nginx/tmp/proxy;
    fastcgi_temp_path $dir/nginx/tmp/fastcgi;
    uwsgi_temp_path $dir/nginx/tmp/uwsgi;
    scgi_temp_path $dir/nginx/tmp/scgi;
    gzip on;
    gzip_types text/css application/javascript application/json image/svg+xml;

EOF
    conf_block upstream
    cat <<EOF

server {
    listen 127.0.0.1:$port;
    server_name 127.0.0.1 localhost;

EOF
    conf_block locations
    echo "}"
    echo "}"
  } >"$dir/nginx/nginx.conf"
}

start_gunicorn() {
  if running "$run/gunicorn.pid" gunicorn; then
    kill -HUP "$(cat "$run/gunicorn.pid")"
    say "gunicorn reloaded"
    return
  fi
  rm -f "$run/gunicorn.sock"
  # umask 007: the socket is connectable by group loa (nginx), files stay out of others' reach.
  as_loa "$bin/gunicorn" loa.config.wsgi:application \
    --bind "unix:$run/gunicorn.sock" --umask 0o007 --workers 2 --worker-class gthread --threads 4 \
    --timeout 60 --graceful-timeout 20 --chdir "$here" --no-control-socket \
    --pid "$run/gunicorn.pid" --daemon --error-logfile "$log/gunicorn.log" --capture-output
  for _ in $(seq 100); do [ -S "$run/gunicorn.sock" ] && break; sleep 0.2; done
  if [ ! -S "$run/gunicorn.sock" ]; then
    tail -20 "$log/gunicorn.log" >&2
    say "gunicorn did not start (log: $log/gunicorn.log)"
    exit 1
  fi
  say "gunicorn started (2 workers, $run/gunicorn.sock)"
}

start_worker() {
  # A running worker finishes its task and stops, so that the new one runs the current code.
  stop_pid "$run/worker.pid" db_worker "task worker" >/dev/null
  # In a session of its own, so that a Ctrl-C in the terminal that started it does not reach it.
  (umask 027 && exec setsid "${loa_user[@]}" "$bin/loa" db_worker --interval 1 --no-reload \
    --worker-id "prod-local-$port") >>"$log/worker.log" 2>&1 </dev/null &
  echo $! >"$run/worker.pid"
  sleep 2
  if ! running "$run/worker.pid" db_worker; then
    tail -20 "$log/worker.log" >&2
    say "the task worker did not start (log: $log/worker.log)"
    exit 1
  fi
  say "task worker started"
}

start_nginx() {
  "$nginx" -t -q "${nginx_args[@]}"
  if running "$run/nginx.pid" nginx; then
    "$nginx" "${nginx_args[@]}" -s reload
    say "nginx reloaded"
  else
    "$nginx" "${nginx_args[@]}"
    say "nginx started on 127.0.0.1:$port"
  fi
}

wait_healthy() {
  local code=""
  for _ in $(seq 120); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url/suc-khoe/" || true)
    [ "$code" = 200 ] && return
    sleep 0.5
  done
  curl -s "$url/suc-khoe/" >&2 || true
  say "$url/suc-khoe/ answers ${code:-nothing}, not 200 (logs: $log)"
  exit 1
}

# A superuser with a random password when there is none: shown once, kept in admin-login.
admin_login() {
  local login=$dir/admin-login password
  if [ "$(query "select count(*) from accounts_user where is_superuser")" = 0 ]; then
    password=$("$bin/python" -c 'import secrets; print(secrets.token_urlsafe(12))')
    DJANGO_SUPERUSER_PASSWORD=$password loa createsuperuser --noinput --username quantri \
      --email quantri@localhost -v 0
    (umask 077 && echo "quantri $password" >"$login")
    say "admin login: quantri, password $password (kept in $login)"
  elif [ -f "$login" ]; then
    say "admin login: quantri (password in $login)"
  fi
}

start() {
  install_packages
  make_user
  make_dirs
  write_env
  load_env
  pg start
  loa migrate --noinput -v 0
  if [ "$(query "select count(*) from units_unit")" = 0 ]; then
    say "loading the official unit lists (first start)…"
    loa units load
  fi
  if [ "$demo" = 1 ]; then
    if [ "$(query "select count(*) from accounts_user where username = 'demo.quantri'")" = 0 ]; then
      loa demo
    else
      say "demo data already loaded (demo.xa, demo.truyenthanh, demo.tinh, demo.quantri; password loa-demo-2026)"
    fi
  fi
  admin_login
  loa collectstatic --noinput -v 0
  start_gunicorn
  start_worker
  write_nginx_conf
  start_nginx
  wait_healthy
  say "Loa answers at $url/ after ${SECONDS} s (logs in $log; stop with: make prod-local-stop)"
}

stop() {
  if [ -x "$nginx" ] && running "$run/nginx.pid" nginx; then
    "$nginx" "${nginx_args[@]}" -s quit
    for _ in $(seq 150); do running "$run/nginx.pid" nginx || break; sleep 0.2; done
    say "nginx stopped"
  fi
  stop_pid "$run/nginx.pid" nginx nginx QUIT # if the graceful quit did not end it
  stop_pid "$run/gunicorn.pid" gunicorn gunicorn
  stop_pid "$run/worker.pid" db_worker "task worker"
  if [ -f "$dir/pg/data/PG_VERSION" ]; then pg stop | sed 's/^pg.sh: /prod-local: PostgreSQL /'; fi
  rm -f "$run/gunicorn.sock"
  local left
  left=$(pgrep -af -- "-D $dir/pg/|-p $dir/nginx/|unix:$run/|--worker-id prod-local-$port" || true)
  left+=$(ss -Hltn "( sport = :$port or sport = :$pg_port )")
  if [ -n "$left" ]; then
    echo "$left" >&2
    say "something of $dir is still running or listening"
    exit 1
  fi
  say "nothing of $dir is running"
}

status() {
  local name file pattern state
  for item in "nginx:nginx.pid:nginx" "gunicorn:gunicorn.pid:gunicorn" "task worker:worker.pid:db_worker"; do
    IFS=: read -r name file pattern <<<"$item"
    if running "$run/$file" "$pattern"; then state="running (pid $(cat "$run/$file"))"; else state="stopped"; fi
    echo "$name: $state"
  done
  if [ -f "$dir/pg/data/postmaster.pid" ] && alive "$(head -1 "$dir/pg/data/postmaster.pid")"; then
    echo "PostgreSQL: running on 127.0.0.1:$pg_port"
  else
    echo "PostgreSQL: stopped"
  fi
  if curl -s -o /dev/null "$url/suc-khoe/"; then echo "$url/suc-khoe/: $(curl -s "$url/suc-khoe/")"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
