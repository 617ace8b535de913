FROM node:20-bookworm
WORKDIR /app
COPY . .
ENV PYTHON=/usr/bin/python3
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm ci
RUN npm run build
CMD ["node", "dist/server.js"]
