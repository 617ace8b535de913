# syntax=docker/dockerfile:1
FROM node:20

WORKDIR /srv/notes

# System tools first: no source edit re-runs them
RUN <<EOF
apt-get update && apt-get install -y --no-install-recommends jq
rm -rf /var/lib/apt/lists/*
EOF

# The app's dependencies depend only on the manifests
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm <<EOF
npm ci --omit=dev
EOF

COPY . .

EXPOSE 3000
CMD ["node", "server.js"]
