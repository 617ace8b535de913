FROM node:22
RUN useradd -m app
WORKDIR /app
COPY . .
USER app
RUN npm install -g pnpm@9
