FROM node:22-bookworm
WORKDIR /usr/src/app
COPY . .
# the package manager the project uses
RUN npm install -g pnpm@9
RUN pnpm install --frozen-lockfile && pnpm run build
CMD ["node", "dist/server.js"]
