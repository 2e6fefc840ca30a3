# syntax=docker/dockerfile:1
# Three stages: production dependencies (with the native SQLite binding compiled), the
# TypeScript build, and a slim runtime that holds only what runs.
# test/integration/main/production-tree.test.ts builds the runtime stage's tree from this
# file's COPY lines (and `npm ci --omit=dev`) and starts it: keep them plain COPY lines.

FROM node:20-slim AS toolchain
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./

FROM toolchain AS deps
RUN npm ci --omit=dev --no-audit --no-fund

FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY dev ./dev
RUN npm run build

FROM node:20-slim AS runtime
# LOCAL_CONSOLE_REMOTE: with nothing configured the image runs local mode, and a browser on the
# host reaches the console through Docker's network, which is not loopback.
ENV NODE_ENV=production \
    PORT=3000 \
    LOCAL_CONSOLE_REMOTE=true \
    DATABASE_URL=sqlite:/data/occupancy-bot.db
WORKDIR /app
# tini runs as PID 1: it forwards SIGTERM to node (which then stops gracefully) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown node:node /data
COPY --chown=node:node package.json package-lock.json manifest.yml ./
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
# dist/src is the product; dist/dev holds the local dev tools (embedded Slack workspace, web
# console, InnerSpace simulator), loaded only when SLACK_BOT_TOKEN or the InnerSpace
# credentials are unset. Without dist/dev the image runs HTTP and Socket Mode only.
COPY --from=build --chown=node:node /app/dist ./dist
# The local-mode console's static page is not compiled: it is read from dev/ at run time.
COPY --from=build --chown=node:node /app/dev/console/public ./dev/console/public
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main.js"]
