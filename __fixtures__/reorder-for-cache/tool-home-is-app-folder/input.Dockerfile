FROM node:22
WORKDIR /home/node
COPY . .
USER node
RUN npm install -g pnpm@9
