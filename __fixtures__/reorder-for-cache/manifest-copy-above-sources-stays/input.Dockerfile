FROM node:20
WORKDIR /app
COPY lib ./lib
COPY bin ./bin
COPY package.json ./
RUN npm install --omit=dev
COPY index.js ./
CMD ["node", "index.js"]
