# The API serving the built web app, for a school server (see docker-compose.yml). The image runs
# compiled JavaScript with production dependencies only.
# The full node image has python3, make and g++ for better-sqlite3's native build.

# Only what `pnpm install` reads, picked out of the tree, so the install layer below is rebuilt when
# a manifest, the lockfile or the models changes, not on every source edit (it compiles
# better-sqlite3, ~2 min). Picked by pattern rather than listed, so a new workspace package cannot
# be left out; the classic builder (Docker 20.10) has no `COPY --parents`, so `cp --parents` does it.
FROM node:20-bookworm AS manifests
WORKDIR /src
COPY . .
# models/: the root postinstall (models/copy.mjs) copies the model files into apps/web/public/models.
RUN mkdir /deps \
 && cp --parents package.json pnpm-lock.yaml pnpm-workspace.yaml apps/*/package.json packages/*/package.json /deps/ \
 && cp -r models /deps/models \
 && if [ -f .npmrc ]; then cp .npmrc /deps/; fi

FROM node:20-bookworm AS build
WORKDIR /app
# Exactly the pnpm that package.json's "packageManager" pins (a "+sha..." suffix is dropped), read
# from the file so the two cannot drift.
COPY --from=manifests /deps/package.json ./
RUN npm install -g "$(node -p "require('./package.json').packageManager.split('+')[0]")" && pnpm --version
COPY --from=manifests /deps ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build \
 && pnpm --filter @rollcall/api deploy --prod --legacy /prod \
 && rm -rf /prod/dist && cp -r apps/api/dist /prod/dist \
 && mkdir -p /prod/web && cp -r apps/web/dist /prod/web/dist

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=8080 WEB_DIST=/app/web/dist
COPY --from=build --chown=node:node /prod /app
USER node
EXPOSE 8080
# Probed every 10 s so a replica reads healthy ~10 s after start rather than 30 (Docker 20.10 has
# no --start-interval for a faster probe only while starting); failures in the first 20 s (the
# migrations, or waiting for another replica's) do not count. A probe is one short node process.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:8080/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself is PID 1 (exec form, no shell or pnpm in between), so it receives SIGTERM and drains
# before it exits (SHUTDOWN_DRAIN_SECONDS, README); docker-compose.yml's stop_grace_period covers that.
CMD ["node", "dist/main.js"]
