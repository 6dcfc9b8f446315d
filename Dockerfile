# syntax=docker/dockerfile:1
# One image for the three processes of workflow-platform; docker/entrypoint.sh picks which:
#   docker run IMAGE                     -> the API (PORT, default 3000)
#   docker run IMAGE worker              -> the queue worker (WORKER_PORT, default 3001)
#   docker run IMAGE cli backup run      -> a one-shot CLI command (migrate, backup ..., config ...)
# Build: docker build -t workflow-platform:local --build-arg APP_VERSION=$(git describe --always) .
# Pin NODE_IMAGE by digest in CI (node:20-bookworm-slim@sha256:...) for reproducible builds.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
# deps: every dependency (dev included) exactly as locked, for the build.
# --ignore-scripts: package.json "allowScripts" denies every install script in the tree
# (prisma, @prisma/engines, argon2, @swc/core, ... all fall back to shipped binaries), but only
# npm 11 reads that field and node:20 bundles npm 10, which would run them (and @prisma/engines
# would download engines). Ignoring scripts gives npm 11's result with any npm. The root
# postinstall (db:generate) runs explicitly in the build stage.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# A local stand-in for a prisma dev-only package that needs Node 22 (see the stub's package.json).
COPY scripts/stubs ./scripts/stubs
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

# ---------------------------------------------------------------------------------------------
# prod-deps: runtime dependencies only. Without --ignore-scripts the root postinstall would call
# `prisma generate`, and prisma is a devDependency that --omit=dev leaves out.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---------------------------------------------------------------------------------------------
# build: generate the Prisma client (offline, into libs/database/src/generated), compile, and build
# the web console (apps/web → dist/web, which the API serves at /app/).
# tsc compiles the generated client into dist/, so the runtime needs neither prisma nor the schema.
FROM deps AS build
COPY tsconfig.json tsconfig.build.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY apps ./apps
COPY libs ./libs
RUN npm run db:generate \
 && npm run build \
 && npm run build:web \
 && test -f dist/web/index.html \
 && test -f dist/libs/database/src/generated/prisma/client.js \
 && test -f dist/apps/api/src/main.js \
 && test -f dist/apps/worker/src/main.js \
 && test -f dist/apps/cli/src/main.js \
 && rm -f dist/.tsbuildinfo

# ---------------------------------------------------------------------------------------------
# runtime: slim Node 20, non-root, production node_modules, compiled code, migrations.
FROM ${NODE_IMAGE} AS runtime

# Debian bookworm ships PostgreSQL 15, so postgresql-client-15 gives a pg_dump/psql that matches
# the server (pg_dump refuses servers newer than itself). redis-tools: redis-cli for the Redis
# snapshot in backups. tini: PID 1 that forwards SIGTERM and reaps pg_dump/redis-cli children.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 redis-tools tini ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && pg_dump --version && redis-cli --version

# The app's own user, 10001 (not the image's `node`, 1000, which host users often share). USER is
# numeric so Kubernetes runAsNonRoot can verify it; deploy/k8s runs pods with the same runAsUser.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
 && mkdir -p /data/uploads /data/backups \
 && chown -R 10001:10001 /data

WORKDIR /app
# Code and dependencies stay root-owned (read-only for the app); only /data is the app's.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json: APP_VERSION falls back to its version; prisma/migrations: the migration runner
# finds it by walking up from dist/libs/database/src/migrations.
COPY package.json ./
COPY prisma/migrations ./prisma/migrations
COPY --chmod=0755 docker/entrypoint.sh ./docker/entrypoint.sh

# APP_VERSION (shown by GET /health): the entrypoint unsets it when the build did not pass one, so
# the app falls back to package.json's version.
ARG APP_VERSION=""
LABEL org.opencontainers.image.title="workflow-platform" \
      org.opencontainers.image.description="Workflow automation backend: api, worker and cli in one image" \
      org.opencontainers.image.version="${APP_VERSION}"
ENV NODE_ENV=production \
    APP_VERSION=${APP_VERSION} \
    PORT=3000 \
    WORKER_PORT=3001 \
    UPLOAD_DIR=/data/uploads \
    BACKUP_DIR=/data/backups

USER 10001:10001
EXPOSE 3000 3001

# Liveness of whichever server runs here: the API answers on PORT, the worker on WORKER_PORT, so
# either answering 200 is healthy (a one-shot `cli` container never is, and needs no check).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const ports=[process.env.PORT||3000,process.env.WORKER_PORT||3001];Promise.any(ports.map((p)=>fetch('http://127.0.0.1:'+p+'/health/live',{signal:AbortSignal.timeout(4000)}).then((r)=>r.ok||Promise.reject(new Error(String(r.status)))))).then(()=>process.exit(0),()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--", "/app/docker/entrypoint.sh"]
CMD ["api"]
