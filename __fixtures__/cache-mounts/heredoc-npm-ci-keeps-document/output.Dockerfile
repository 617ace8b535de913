# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm <<-EOF
	npm ci --omit=dev
	echo done
EOF
COPY . .
CMD ["node", "server.js"]
