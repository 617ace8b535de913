const http = require('node:http');
const ms = require('ms');

const notes = [];
const started = Date.now();

http
  .createServer((req, res) => {
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        notes.push(body);
        res.end(`saved note ${notes.length}\n`);
      });
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ notes, uptime: ms(Date.now() - started) }));
  })
  .listen(3000);
