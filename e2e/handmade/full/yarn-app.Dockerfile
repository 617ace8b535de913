# syntax=docker/dockerfile:1
FROM node:20

WORKDIR /app

RUN --mount=type=cache,target=/root/.npm npm install -g yarn@1.22.22

COPY package.json yarn.lock .yarnrc ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile --production
COPY . .

ENV PORT=8080
EXPOSE 8080
CMD ["yarn", "start"]
