const http = require('http');
const { uptime } = require('./lib/uptime');

const port = process.env.PORT || 8000;

http
  .createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'ok',
        version: process.env.APP_VERSION || 'dev',
        uptime: uptime(),
      }) + '\n',
    );
  })
  .listen(port, () => console.log(`status-page on :${port}`));
