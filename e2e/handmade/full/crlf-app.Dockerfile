# syntax=docker/dockerfile:1
# Quote of the day service
# Maintainer: platform team
FROM node:20

# Where the app lives
WORKDIR /app

# Copy the sources and install production dependencies
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
COPY . .

ENV PORT=4000
EXPOSE 4000

# Start the server
CMD ["node", "src/main.js"]
