FROM node:22-bookworm
WORKDIR /home/node/app
COPY . .
RUN apt-get update && apt-get install -y --no-install-recommends graphicsmagick
RUN npm run build
CMD ["node", "dist/index.js"]
