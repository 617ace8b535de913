FROM node:20-alpine
WORKDIR /app
COPY . .
RUN npm ci --ignore-scripts
RUN npm run build
CMD ["npm", "start"]
