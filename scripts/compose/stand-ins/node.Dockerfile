# Stand-ins for node:20-bookworm-slim (target slim) and node:20-bookworm (target full), built only
# when the official images can be neither found nor pulled (no registry): the repo's Dockerfile
# builds FROM those names and cannot be pointed elsewhere, so these are tagged with them and
# labelled `stand-in`, which scripts/compose/images.sh reads to tell them from the real ones.
# Node is the host's own binary (Node 20), copied in with its npm and headers.
FROM rollcall-stand-in/bookworm AS slim
LABEL stand-in="node:20 from the host's Node binary on debootstrapped Debian bookworm"
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY include-node /usr/local/include/node
# The official image has a `node` user with uid 1000; the repo's Dockerfile runs as it.
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
# Where a proxy re-signs TLS, npm must trust the host's CAs; node-gyp must find headers without
# downloading them from nodejs.org (better-sqlite3 falls back to a native build).
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/host-ca-bundle.crt npm_config_nodedir=/usr/local
CMD ["node"]

# The full image's part that matters here: python3, make and g++ for better-sqlite3's native build.
FROM slim AS full
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ ca-certificates git \
 && rm -rf /var/lib/apt/lists/*
