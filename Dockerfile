# The SMA worker image: Node 20 + the built project. Every compute provider (RunPod pods,
# EC2, local Docker) starts it with SMA_JOB_URI and storage credentials in the environment;
# the container runs one job from storage and exits. See docs/worker-image.md.
#
#   docker build -t <registry>/sma-worker:<version> .
#   docker push <registry>/sma-worker:<version>
#   SMA_RUNPOD_IMAGE=<registry>/sma-worker:<version>

# ---- build: install everything, compile TypeScript to dist/, then drop dev dependencies ----
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: no sources, no compilers; bin/sma.js runs dist/ when src/ is absent ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    SMA_LOG_PRETTY=0 \
    SMA_HOME=/tmp/sma
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
USER node
# RunPod's createPod passes `args` to the entrypoint: the provider sends args "worker".
ENTRYPOINT ["node", "bin/sma.js"]
CMD ["worker"]
