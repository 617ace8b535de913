const express = require('express');
const { Bookmarks } = require('./bookmarks');

const app = express();
const bookmarks = new Bookmarks();
const port = process.env.PORT || 3000;

app.use(express.json());

app.get('/api/bookmarks', (req, res) => {
  res.json(bookmarks.list());
});

app.post('/api/bookmarks', (req, res) => {
  const r = bookmarks.add(req.body);
  if (r.errors) return res.status(400).json({ errors: r.errors });
  res.status(201).json(r.bookmark);
});

app.listen(port, () => {
  console.log(`bookmarks api listening on ${port}`);
});
