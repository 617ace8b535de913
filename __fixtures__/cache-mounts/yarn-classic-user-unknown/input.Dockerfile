FROM node:18
USER appuser
WORKDIR /home/appuser/app
COPY --chown=appuser package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production
