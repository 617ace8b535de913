FROM node:22-bookworm
ENV NPM_CONFIG_PREFIX=/home/node/.npm-global
ENV PATH=/home/node/.npm-global/bin:$PATH
WORKDIR /home/node/app
USER node
RUN npm install -g pnpm@9
COPY --chown=node:node . .
RUN pnpm install && pnpm run build
CMD ["node", "dist/server.js"]
