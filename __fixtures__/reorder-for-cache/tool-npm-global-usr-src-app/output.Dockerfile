FROM node:22-bookworm
WORKDIR /usr/src/app
# the package manager the project uses
RUN npm install -g pnpm@9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm run build
CMD ["node", "dist/server.js"]
