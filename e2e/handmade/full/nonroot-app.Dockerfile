# syntax=docker/dockerfile:1
FROM node:20

RUN mkdir -p /home/node/app && chown -R node:node /home/node/app
WORKDIR /home/node/app

USER node
# Without this, BuildKit creates the cache mount point as root:root and leaves it in the image.
RUN mkdir -p /home/node/.npm
COPY --chown=node:node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm install --omit=dev
COPY --chown=node:node . .

EXPOSE 8080
CMD ["node", "app.js"]
