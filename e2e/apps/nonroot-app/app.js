require('dotenv').config();
const http = require('http');

const port = Number(process.env.PORT || 8080);
const secret = process.env.WEBHOOK_SECRET || '';

http
  .createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405);
      return res.end();
    }
    if (secret && req.headers['x-webhook-secret'] !== secret) {
      res.writeHead(401);
      return res.end();
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      console.log(new Date().toISOString(), req.url, body.length, 'bytes');
      res.writeHead(204);
      res.end();
    });
  })
  .listen(port, () => console.log(`webhook-relay on :${port}`));
