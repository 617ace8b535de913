# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /usr/src/app
COPY . .
RUN node <<EOF
require("child_process").execSync("npm ci --omit=dev");
EOF
CMD ["node", "server.js"]
