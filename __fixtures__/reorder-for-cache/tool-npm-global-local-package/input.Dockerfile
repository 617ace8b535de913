FROM node:22
WORKDIR /usr/src/app
COPY . .
RUN npm install -g .
CMD ["my-cli"]
