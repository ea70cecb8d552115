#!/usr/bin/env bash
# `pnpm compose:check`: runs the district shape from docker-compose.yml as shipped (three API
# replicas built by the Dockerfile, Caddy with deploy/Caddyfile, one MySQL) and checks it from
# outside over HTTPS, then stops it (the replicas must drain) and removes it. Exits non-zero with
# the reason on the first failed check. Needs root (or the docker group), docker and docker-compose
# (apt-get install -y docker-compose), and host ports 80 and 443 free. docs/reliability.md has a run.
set -Eeuo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d /tmp/rollcall-compose-check.XXXXXX)
PROJECT=rollcallcheck$(date +%s)
HOST=rollcall.school.lan
NONCE=$RANDOM$RANDOM
REPLICAS=3
REQUESTS=60
STARTED_DOCKERD=
UP=
T0=$(date +%s.%N)

say() { echo "compose:check: $*"; }
fail() {
  echo "compose:check: FAILED: $*" >&2
  exit 1
}
PHASE_NAME= PHASE_T0=
phase() {
  local now
  now=$(date +%s.%N)
  [[ -n $PHASE_NAME ]] && printf 'compose:check: phase %-8s %6.1f s\n' "$PHASE_NAME" "$(echo "$now - $PHASE_T0" | bc)"
  PHASE_NAME=$1 PHASE_T0=$now
  [[ -n $PHASE_NAME ]] && say "--- $PHASE_NAME"
  return 0
}

# shellcheck source=scripts/compose/images.sh
. "$REPO/scripts/compose/images.sh"

compose() {
  # The shell's own values must not override the temporary .env's.
  env -u ROLLCALL_HOST -u MYSQL_PASSWORD -u MYSQL_ROOT_PASSWORD -u MYSQL_BUFFER_POOL_SIZE \
    "${COMPOSE[@]}" -p "$PROJECT" -f "$REPO/docker-compose.yml" --env-file "$WORK/.env" "$@"
}

cleanup() {
  local rc=$?
  if [[ -n $UP ]]; then
    if ((rc != 0)); then
      say "logs before removal:"
      compose logs --no-color --tail 25 2>&1 | sed 's/^/  /' || true
    fi
    compose down -v --rmi local >"$WORK/down-cleanup.log" 2>&1 || say "down -v after a failure failed too: see $WORK/down-cleanup.log"
  fi
  if [[ -n $STARTED_DOCKERD ]]; then
    kill "$STARTED_DOCKERD" 2>/dev/null && wait "$STARTED_DOCKERD" 2>/dev/null
    say "stopped the dockerd it started"
  fi
  ((rc == 0)) && rm -rf "$WORK"
  ((rc == 0)) || say "work files kept in $WORK"
}
trap cleanup EXIT
trap 'echo "compose:check: FAILED: unexpected error at line $LINENO: $BASH_COMMAND" >&2' ERR

# curl through the published ports to Caddy, with HOST resolved to this machine.
curl_host() { curl -sS --max-time 10 --resolve "$HOST:443:127.0.0.1" --resolve "$HOST:80:127.0.0.1" "$@"; }
api_ids() { compose ps -q api; }
name_of() { docker inspect -f '{{.Name}}' "$1" | sed 's|^/||'; }

# ---------------------------------------------------------------------------------------------
phase engine
command -v docker >/dev/null || fail "docker is not installed: apt-get install -y docker-compose (pulls in docker.io)"
if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose); else
  command -v docker-compose >/dev/null || fail "neither 'docker compose' nor docker-compose: apt-get install -y docker-compose"
  COMPOSE=(docker-compose)
fi
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null || fail "no Docker engine reachable and no dockerd to start"
  ((EUID == 0)) || fail "no Docker engine reachable, and starting dockerd needs root"
  dockerd >"$WORK/dockerd.log" 2>&1 &
  STARTED_DOCKERD=$!
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || fail "dockerd did not start (see $WORK/dockerd.log)"
  say "started dockerd (pid $STARTED_DOCKERD); it is stopped at the end"
fi
say "engine $(docker version -f '{{.Server.Version}}'), $("${COMPOSE[@]}" version --short 2>/dev/null || echo "${COMPOSE[*]}")"
for port in 80 443; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail "host port $port is in use: Caddy publishes 80 and 443"
done

phase images
ensure_images

phase up
cat >"$WORK/.env" <<ENV
ROLLCALL_HOST=$HOST
MYSQL_PASSWORD=check-$NONCE
MYSQL_ROOT_PASSWORD=check-root-$NONCE
ENV
UP=1
say "project $PROJECT: ${COMPOSE[*]} up -d --build --scale api=$REPLICAS"
compose up -d --build --scale api=$REPLICAS >"$WORK/up.log" 2>&1 || {
  tail -20 "$WORK/up.log"
  fail "compose up failed"
}

phase health
# Caddy's internal CA issues the certificate once ACME has failed for the .lan name; trust its root.
CADDY=$(compose ps -q caddy)
status=none
for _ in $(seq 180); do
  docker cp "$CADDY:/data/caddy/pki/authorities/local/root.crt" "$WORK/caddy-root.crt" >/dev/null 2>&1 &&
    status=$(curl_host --cacert "$WORK/caddy-root.crt" -o /dev/null -w '%{http_code}' "https://$HOST/health" 2>/dev/null) && [[ $status == 200 ]] && break
  sleep 1
done
[[ -s $WORK/caddy-root.crt ]] || fail "Caddy's internal CA root never appeared in /data/caddy/pki within 180 s"
[[ $status == 200 ]] || fail "https://$HOST/health through Caddy did not answer 200 within 180 s (last: $status)"
say "https://$HOST/health answers 200 through Caddy (certificate checked against Caddy's internal CA)"
CURL=(curl_host --cacert "$WORK/caddy-root.crt")

phase checks
mapfile -t IDS < <(api_ids)
((${#IDS[@]} == REPLICAS)) || fail "expected $REPLICAS api containers, found ${#IDS[@]}"
for id in "${IDS[@]}"; do
  [[ $(docker inspect -f '{{.State.Status}} {{.RestartCount}}' "$id") == "running 0" ]] || fail "$(name_of "$id") is not running, or has restarted"
done
say "ok: exactly $REPLICAS api containers, all running, none restarted"

headers=$("${CURL[@]}" -D - -o /dev/null "https://$HOST/health")
grep -q '^HTTP/[0-9.]* 200' <<<"$headers" || fail "/health through Caddy: $(head -1 <<<"$headers")"
grep -qi '^strict-transport-security: max-age=' <<<"$headers" || fail "/health through Caddy has no Strict-Transport-Security header"
say "ok: https /health 200 with $(grep -i '^strict-transport-security' <<<"$headers" | tr -d '\r')"

"${CURL[@]}" -D "$WORK/root.h" -o "$WORK/root.html" "https://$HOST/"
grep -q '^HTTP/[0-9.]* 200' "$WORK/root.h" && grep -qi '^content-type: text/html' "$WORK/root.h" && grep -q '<div id="root">' "$WORK/root.html" ||
  fail "https://$HOST/ is not the web app ($(head -1 "$WORK/root.h" | tr -d '\r'))"
say "ok: https / serves the web app (text/html with #root)"

redirect=$(curl_host -o /dev/null -w '%{http_code} %{redirect_url}' "http://$HOST/some/page")
[[ $redirect =~ ^30[178]\ https://$HOST/some/page$ ]] || fail "http://$HOST/some/page should redirect to https, got '$redirect'"
say "ok: http redirects to https ($redirect)"

for i in $(seq $REQUESTS); do
  [[ $("${CURL[@]}" -o /dev/null -w '%{http_code}' "https://$HOST/health?compose-check=$NONCE-$i") == 200 ]] || fail "request $i through Caddy did not answer 200"
done
sleep 1 # the request log line is written when the answer finishes
spread=() total=0
for id in "${IDS[@]}"; do
  n=$(docker logs "$id" 2>&1 | grep -c "GET /health?compose-check=$NONCE-") || true
  spread+=("$(name_of "$id")=$n")
  total=$((total + n))
  ((n > 0)) || fail "$(name_of "$id") answered none of $REQUESTS requests through Caddy (${spread[*]})"
done
((total == REQUESTS)) || fail "the replicas logged $total of $REQUESTS requests (${spread[*]})"
say "ok: all $REPLICAS replicas answered through Caddy, by their request logs: ${spread[*]}"

ips=$(for id in "${IDS[@]}"; do docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$id"; done | sort | xargs)
resolved=$(docker exec "${IDS[0]}" node -e \
  "require('dns').promises.lookup('api',{all:true,family:4}).then(a=>console.log(a.map(x=>x.address).sort().join(' ')))" | tr ' ' '\n' | sort | xargs)
[[ $resolved == "$ips" ]] || fail "Docker's DNS gives 'api' as '$resolved', the replicas are '$ips'"
say "ok: 'api' resolves in the compose network to the $REPLICAS replicas ($resolved), which Caddy's 'dynamic a api 8080' reads"

for id in "${IDS[@]}"; do
  docker exec "$id" node -e "fetch('http://127.0.0.1:8080/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))" ||
    fail "$(name_of "$id")'s own /health did not answer 200"
done
say "ok: each replica's own /health answers 200"

migrated=() waited=()
for id in "${IDS[@]}"; do
  logs=$(docker logs "$id" 2>&1)
  grep -q '^Applied migrations:' <<<"$logs" && migrated+=("$(name_of "$id")")
  grep -q 'Another instance is migrating the database' <<<"$logs" && waited+=("$(name_of "$id")")
done
((${#migrated[@]} == 1)) || fail "expected exactly one replica to apply the migrations, got ${#migrated[@]}: ${migrated[*]-}"
say "ok: exactly one replica applied the migrations (${migrated[0]}); waited for it: ${waited[*]:-none}"

MYSQL=$(compose ps -q mysql)
probe=$(docker inspect -f '{{json .Config.Healthcheck.Test}}' "$MYSQL")
[[ $probe != *"check-root-$NONCE"* ]] || fail "MySQL's root password is written into its healthcheck: $probe"
say "ok: MySQL's healthcheck holds no password (docker inspect: $probe)"

# Docker's own HEALTHCHECK (Dockerfile) first runs 10 s after start.
for _ in $(seq 90); do
  healthy=0
  for id in "${IDS[@]}"; do [[ $(docker inspect -f '{{.State.Health.Status}}' "$id") == healthy ]] && healthy=$((healthy + 1)); done
  ((healthy == REPLICAS)) && break
  sleep 1
done
((healthy == REPLICAS)) || fail "Docker's HEALTHCHECK reports $healthy of $REPLICAS api containers healthy"
say "ok: Docker's HEALTHCHECK reports all $REPLICAS api containers healthy"

phase stop
mapfile -t ALL < <(compose ps -q)
compose stop >"$WORK/stop.log" 2>&1 || fail "compose stop exited non-zero: $(tail -3 "$WORK/stop.log")"
for id in "${ALL[@]}"; do
  code=$(docker inspect -f '{{.State.ExitCode}}' "$id")
  [[ $code == 0 ]] || fail "$(name_of "$id") exited with $code on stop"
done
for id in "${IDS[@]}"; do
  logs=$(docker logs "$id" 2>&1)
  grep -q '^SIGTERM: draining for 3 s, then closing' <<<"$logs" && grep -q '^Stopped$' <<<"$logs" ||
    fail "$(name_of "$id") did not log the drain ('SIGTERM: draining ...' then 'Stopped')"
done
say "ok: compose stop exited 0; all ${#ALL[@]} containers exited 0; each replica logged 'SIGTERM: draining for 3 s, then closing' and 'Stopped'"

phase down
compose down -v --rmi local >"$WORK/down.log" 2>&1 || fail "compose down -v exited non-zero: $(tail -3 "$WORK/down.log")"
UP=
say "ok: down -v removed the containers, network, volumes and the built api image"
phase ""
say "PASSED in $(echo "$(date +%s.%N) - $T0" | bc | xargs printf '%.0f') s"
