FROM node:20
WORKDIR /root
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
CMD ["node", "index.js"]
