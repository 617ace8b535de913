FROM node:20
WORKDIR /app
COPY . .
RUN ./scripts/fetch-fonts.sh
RUN npm ci
CMD ["node", "server.js"]
