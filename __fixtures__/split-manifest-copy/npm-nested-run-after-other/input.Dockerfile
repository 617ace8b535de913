FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN echo "building" > build.txt && npm run build
CMD ["npm", "start"]
