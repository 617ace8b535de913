FROM node:20-alpine
COPY --chown=node:node . /srv/app
RUN cd /srv/app; npm install --no-save
CMD ["node", "/srv/app/server.js"]
