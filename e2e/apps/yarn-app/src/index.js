const http = require('http');
const dayjs = require('dayjs');
const { nanoid } = require('nanoid');

const links = new Map();
const port = process.env.PORT || 8080;

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
  });
}

const server = http.createServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/links') {
    const url = (await readBody(req)).trim();
    const id = nanoid(8);
    links.set(id, { url, created: dayjs().format('YYYY-MM-DD HH:mm') });
    res.writeHead(201, { 'content-type': 'text/plain' });
    return res.end(`/${id}\n`);
  }
  const link = links.get(req.url.slice(1));
  if (link) {
    res.writeHead(302, { location: link.url });
    return res.end();
  }
  res.writeHead(404);
  res.end('not found\n');
});

server.listen(port, () => console.log(`shortlinks on :${port}`));
