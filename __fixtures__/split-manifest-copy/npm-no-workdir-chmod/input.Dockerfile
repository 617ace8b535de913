FROM node:20-alpine
COPY --chmod=0755 . /app
RUN cd /app && npm ci
CMD ["node", "/app/server.js"]
