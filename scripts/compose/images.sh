# Sourced by check.sh: makes sure the four base images docker-compose.yml and the Dockerfile name
# exist. The official image is used when it is present or can be pulled; otherwise a stand-in from
# stand-ins/ is built and tagged with the official name (the Dockerfile's FROM cannot be pointed
# elsewhere), and one SUBSTITUTED line says so. Stand-ins carry a `stand-in` label, so a later run
# never mistakes one for the official image and tries the registry again first.

STAND_INS="$(dirname "${BASH_SOURCE[0]}")/stand-ins"
BASE_IMAGE=rollcall-stand-in/bookworm

stand_in_label() { docker image inspect -f '{{index .Config.Labels "stand-in"}}' "$1" 2>/dev/null || true; }

# Debian bookworm from deb.debian.org (no registry needed), with the host's CA bundle so that a
# TLS-re-signing proxy is trusted inside. Built once; docker keeps it.
ensure_base() {
  docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 && return
  command -v debootstrap >/dev/null || fail "stand-ins need debootstrap: apt-get install -y debootstrap"
  say "building $BASE_IMAGE with debootstrap (once)"
  local root="$WORK/rootfs"
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 ||
    fail "debootstrap failed (see $WORK/debootstrap.log)"
  mkdir -p "$root/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/host-ca-bundle.crt"
  tar -C "$root" -c . | docker import -c 'CMD ["/bin/bash"]' -c 'ENV LANG=C.UTF-8' - "$BASE_IMAGE" >/dev/null ||
    fail "docker import of the debootstrapped rootfs failed"
  rm -rf "$root"
}

# Build context for one stand-in: its Dockerfile plus the host files it copies in.
stand_in_context() {
  local kind=$1 ctx="$WORK/ctx-$1"
  rm -rf "$ctx" && mkdir -p "$ctx"
  cp "$STAND_INS/$kind.Dockerfile" "$ctx/Dockerfile"
  case $kind in
    node)
      [[ $(node -p 'process.versions.node.split(".")[0]') == 20 ]] || fail "the node stand-in copies the host's Node, which must be 20 (found $(node --version))"
      cp "$(command -v node)" "$ctx/node"
      cp -a "$(npm root -g 2>/dev/null)/npm" "$ctx/npm"
      local headers
      headers="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")/include/node"
      [[ -f $headers/node_version.h ]] || fail "the node stand-in needs Node's headers at $headers"
      cp -a "$headers" "$ctx/include-node"
      ;;
    mysql) cp "$STAND_INS/mysql-entrypoint.sh" "$ctx/" ;;
    caddy)
      command -v caddy >/dev/null || fail "the caddy stand-in copies the host's Caddy: apt-get install -y caddy"
      cp "$(command -v caddy)" "$ctx/caddy"
      ;;
  esac
  echo "$ctx"
}

# ensure_image NAME KIND [TARGET]
ensure_image() {
  local name=$1 kind=$2 target=${3:-}
  if docker image inspect "$name" >/dev/null 2>&1 && [[ -z $(stand_in_label "$name") ]]; then
    say "official image $name: present"
    return
  fi
  if timeout 300 docker pull -q "$name" >/dev/null 2>"$WORK/pull.err" && [[ -z $(stand_in_label "$name") ]]; then
    say "official image $name: pulled"
    return
  fi
  ensure_base
  local ctx
  ctx=$(stand_in_context "$kind")
  docker build -q ${target:+--target "$target"} -t "$name" "$ctx" >"$WORK/build-$kind${target:+-$target}.log" 2>&1 ||
    fail "building the stand-in for $name failed (see $WORK/build-$kind${target:+-$target}.log)"
  say "SUBSTITUTED $name: stand-in '$(stand_in_label "$name")' (official image not present; pull failed: $(tail -1 "$WORK/pull.err" | sed 's/.*: //'))"
}

ensure_images() {
  ensure_image node:20-bookworm-slim node slim
  ensure_image node:20-bookworm node full
  ensure_image mysql:8.4 mysql
  ensure_image caddy:2 caddy
}
