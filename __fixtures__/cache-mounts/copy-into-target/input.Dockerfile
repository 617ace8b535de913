FROM node:20
COPY npm-cache/ /root/.npm/
RUN npm ci --offline
