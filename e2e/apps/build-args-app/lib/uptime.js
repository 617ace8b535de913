const ms = require('ms');

const started = Date.now();

function uptime() {
  return ms(Date.now() - started, { long: true });
}

module.exports = { uptime };
