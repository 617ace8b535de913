const http = require('http');
const kleur = require('kleur');
const quotes = require('./quotes.json');

const port = process.env.PORT || 4000;

http
  .createServer((req, res) => {
    const q = quotes[Math.floor(Math.random() * quotes.length)];
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${q.text}\n  - ${q.author}\n`);
  })
  .listen(port, () => console.log(kleur.green(`quotes on :${port}`)));
