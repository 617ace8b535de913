'use strict';

const http = require('node:http');

const port = Number(process.env.PORT ?? 3000);

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(204).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ hello: 'world', path: req.url }));
});

server.listen(port, () => console.log(`listening on :${port}`));
