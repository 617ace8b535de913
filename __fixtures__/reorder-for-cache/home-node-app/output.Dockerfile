FROM node:22-bookworm
WORKDIR /home/node/app
RUN apt-get update && apt-get install -y --no-install-recommends graphicsmagick
COPY . .
RUN npm run build
CMD ["node", "dist/index.js"]
