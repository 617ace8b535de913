FROM node:20
WORKDIR /app
COPY . .
# install-time plugins need the whole tree
# dockerfix ignore=split-manifest-copy
RUN npm ci
CMD ["node", "index.js"]
