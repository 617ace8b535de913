FROM node:22
WORKDIR /home/node/app
COPY . .
RUN chown -R node:node /home/node/app
USER node
RUN npm install -g pnpm@9
