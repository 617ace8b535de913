const crypto = require('crypto');

const byCode = new Map();

function add(url) {
  let code;
  do {
    code = crypto.randomBytes(4).toString('base64url');
  } while (byCode.has(code));
  byCode.set(code, url);
  return { code, url };
}

function get(code) {
  return byCode.get(code);
}

module.exports = { add, get };
