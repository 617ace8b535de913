const ms = require('ms');

/** A bookmark must have an http(s) URL and a title; `ttl` is a duration like "7d". */
function validateBookmark(input) {
  const errors = [];
  if (!input || typeof input.url !== 'string' || !/^https?:\/\//.test(input.url)) errors.push('url must be an http(s) URL');
  if (!input || typeof input.title !== 'string' || input.title.trim() === '') errors.push('title is required');
  let expiresIn = null;
  if (input && input.ttl !== undefined) {
    expiresIn = typeof input.ttl === 'string' ? ms(input.ttl) : undefined;
    if (expiresIn === undefined) errors.push('ttl must be a duration such as "7d"');
  }
  return { ok: errors.length === 0, errors, expiresIn };
}

module.exports = { validateBookmark };
