FROM node:20
WORKDIR /opt/backend
COPY package.json ./
RUN npm install --no-package-lock
COPY . .
CMD ["node", "src/index.js"]
