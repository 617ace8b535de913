FROM node:20-alpine
COPY . /app
RUN npm ci --prefix /app --omit=dev
CMD ["node", "/app/server.js"]
