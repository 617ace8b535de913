FROM node:20-alpine
COPY --chown=node:node package.json package-lock.json /srv/app/
RUN cd /srv/app; npm install --no-save
COPY --chown=node:node . /srv/app
CMD ["node", "/srv/app/server.js"]
