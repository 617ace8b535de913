FROM node:20
WORKDIR /root
COPY . .
RUN npm ci --omit=dev
CMD ["node", "index.js"]
