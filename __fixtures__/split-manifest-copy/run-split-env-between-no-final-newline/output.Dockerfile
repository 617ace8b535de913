FROM node:20
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# build
RUN npm ci
COPY . .
RUN npm run build