FROM node:20
ARG UID=1000
USER ${UID}
RUN npm install -g pnpm
