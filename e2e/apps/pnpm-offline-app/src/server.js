const express = require('express');
const links = require('./links');

const app = express();
app.use(express.json());

app.post('/links', (req, res) => {
  const { url } = req.body || {};
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
    return res.status(400).json({ error: 'url must be an http(s) URL' });
  }
  res.status(201).json(links.add(url));
});

app.get('/:code', (req, res) => {
  const url = links.get(req.params.code);
  if (!url) return res.sendStatus(404);
  res.redirect(302, url);
});

const port = Number(process.env.PORT) || 3000;
app.listen(port, () => console.log(`link-shortener listening on ${port}`));
