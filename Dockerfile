# The API serving the built web app, for a school server (see docker-compose.yml). The image runs
# compiled JavaScript with production dependencies only.
# The full node image has python3, make and g++ for better-sqlite3's native build.
FROM node:20-bookworm AS build
WORKDIR /app
RUN npm install -g pnpm@10
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm build \
 && pnpm --filter @rollcall/api deploy --prod --legacy /prod \
 && rm -rf /prod/dist && cp -r apps/api/dist /prod/dist \
 && mkdir -p /prod/web && cp -r apps/web/dist /prod/web/dist

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=8080 WEB_DIST=/app/web/dist
COPY --from=build --chown=node:node /prod /app
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:8080/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself is PID 1 (exec form, no shell or pnpm in between), so it receives SIGTERM and drains
# before it exits (SHUTDOWN_DRAIN_SECONDS, README); docker-compose.yml's stop_grace_period covers that.
CMD ["node", "dist/main.js"]
