# The engine image that SyncRuntime.kubernetes runs: `dts` as the entrypoint, the task's manifest
# mounted at /etc/dts, its state volume at /var/lib/dts (README, "Running on Kubernetes").
#   docker build -t registry.example.com/data/cdktf-dts:0.1.0 . && docker push registry.example.com/data/cdktf-dts:0.1.0
# The engine ships as TypeScript run by tsx (runtime/cli/dts.mjs): no build step. Dependencies are
# installed exactly as package-lock.json pins them; the postinstall applies patches/ (zongji, mysql2),
# then the development packages go. The construct library (lib/, cdktf, the providers) is not needed
# to run tasks and is left out.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/@cdktf node_modules/cdktf node_modules/constructs

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY runtime ./runtime
COPY schemas ./schemas
# The user the StatefulSet runs as (runAsUser 10001); it owns the state dir.
RUN groupadd --gid 10001 dts && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin dts \
 && mkdir -p /var/lib/dts /etc/dts && chown 10001:10001 /var/lib/dts
USER 10001:10001
EXPOSE 9464
ENTRYPOINT ["node", "/app/runtime/cli/dts.mjs"]
CMD ["--help"]
