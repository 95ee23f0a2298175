# Carnet's container image: the built server and web app on Node, run as the unprivileged `node`
# user. SQLite data (and backups) live in the /data volume; with PostgreSQL or MariaDB set
# DATABASE_URL and the volume holds nothing but what you put there. docs/operations.md#containers
#
#   docker build -t carnet .
#   docker run -p 3000:3000 -v carnet-data:/data -e PUBLIC_URL=http://localhost:3000 carnet

# --- build: dependencies (better-sqlite3 is native), then the server and the web app ------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# no lifecycle scripts yet: `prepare` builds, and the sources are not copied in yet
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3 esbuild
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# --- run ---------------------------------------------------------------------------------------
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=sqlite:/data/crm.db \
    BACKUP_DIR=/data/backups
WORKDIR /app
# owned by root, read-only to the server; only /data is its to write
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data/backups && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# ready = the database answers (GET /readyz); a container that never gets there is unhealthy
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM stops within SHUTDOWN_TIMEOUT_MS (10 s): give `docker stop -t` / stop_grace_period more
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/main.js"]
