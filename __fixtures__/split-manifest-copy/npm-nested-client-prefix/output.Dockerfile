FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY client/package.json client/package-lock.json ./client/
RUN npm install --prefix client
COPY . .
RUN npm run build
CMD ["npm", "start"]
