FROM node:20-alpine AS deps
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile

FROM deps AS build
RUN yarn build

FROM nginx:1.27-alpine
COPY --from=build /app/dist /usr/share/nginx/html
