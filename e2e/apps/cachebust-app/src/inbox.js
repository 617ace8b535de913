const fs = require('fs/promises');
const path = require('path');

const DIR = process.env.UPLOAD_DIR || path.join(__dirname, '..', 'uploads');

async function saveUpload(name, body) {
  if (!/^[\w.-]{1,100}$/.test(name) || name.startsWith('.')) throw new Error('bad file name');
  if (!Buffer.isBuffer(body) || body.length === 0) throw new Error('empty upload');
  await fs.writeFile(path.join(DIR, name), body);
  return { name, bytes: body.length };
}

async function listUploads() {
  const names = await fs.readdir(DIR);
  return Promise.all(
    names.map(async (name) => ({ name, bytes: (await fs.stat(path.join(DIR, name))).size })),
  );
}

module.exports = { saveUpload, listUploads };
