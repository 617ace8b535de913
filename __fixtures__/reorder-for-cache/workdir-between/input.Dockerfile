FROM node:20-bookworm
WORKDIR /app
COPY . .
WORKDIR /app/vendor
RUN curl -fsSLO https://github.com/mozilla/pdf.js/releases/download/v4.8.69/pdfjs-4.8.69-dist.zip \
    && unzip pdfjs-4.8.69-dist.zip -d pdfjs
WORKDIR /app
RUN npm ci && npm run build
