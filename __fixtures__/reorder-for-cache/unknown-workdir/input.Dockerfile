FROM node:20-alpine
COPY . .
COPY --from=tianon/gosu:1.17 /gosu /usr/local/bin/gosu
CMD ["node", "index.js"]
