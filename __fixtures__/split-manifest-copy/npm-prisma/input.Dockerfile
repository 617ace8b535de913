FROM node:20
WORKDIR /app
COPY . .
RUN npm ci
RUN npx prisma generate && npm run build
CMD ["node", "dist/main.js"]
