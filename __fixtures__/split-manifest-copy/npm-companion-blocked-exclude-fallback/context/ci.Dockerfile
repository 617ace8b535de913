FROM node:20
WORKDIR /srv
COPY . .
RUN node scripts/check.js
