FROM node:20
WORKDIR /app
COPY . .
ENV NODE_ENV=production
# build
RUN npm ci \
    && npm run build