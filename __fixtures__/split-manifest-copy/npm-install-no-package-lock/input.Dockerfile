FROM node:20
WORKDIR /opt/backend
COPY . .
RUN npm install --no-package-lock
CMD ["node", "src/index.js"]
