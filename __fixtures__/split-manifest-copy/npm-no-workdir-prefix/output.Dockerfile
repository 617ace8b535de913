FROM node:20-alpine
COPY package.json package-lock.json /app/
RUN npm ci --prefix /app --omit=dev
COPY . /app
CMD ["node", "/app/server.js"]
