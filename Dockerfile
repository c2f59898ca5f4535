# One image for both server and media-worker (docker-compose.yml picks the command).
FROM node:20-bookworm

# ffmpeg: recorder (server) and HLS ladder (media-worker). libssl-dev, python3, make, g++: the
# mediasoup worker is built from source against the system's security-maintained OpenSSL 3.
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg libssl-dev python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Manifests first, so the dependency and worker layers are reused when only sources change.
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY media-worker/package.json media-worker/
COPY client/package.json client/
# MEDIASOUP_WORKER_BIN=skip keeps mediasoup's postinstall from building its worker with the bundled,
# end-of-life OpenSSL; it is set for this command only, because at run time mediasoup would try to
# execute a binary by that name.
RUN MEDIASOUP_WORKER_BIN=skip npm ci --no-audit --no-fund

# Builds node_modules/mediasoup/worker/out/Release/mediasoup-worker (about 5 minutes on 2 cores).
COPY scripts/mediasoup-worker.mjs scripts/
RUN node scripts/mediasoup-worker.mjs

COPY . .
RUN npm run build:client

# Shared media volume (raw recordings, HLS output); owned by the unprivileged user that runs the
# services. A named volume mounted here starts with this ownership.
RUN mkdir -p /data && chown node:node /data
USER node
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "--import", "tsx", "server/src/main.ts"]
