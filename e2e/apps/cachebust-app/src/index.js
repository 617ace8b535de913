const express = require('express');
const { saveUpload, listUploads } = require('./inbox');

const app = express();
app.use(express.raw({ type: '*/*', limit: '1mb' }));

app.get('/uploads', async (_req, res) => {
  res.json(await listUploads());
});

app.put('/uploads/:name', async (req, res) => {
  try {
    const saved = await saveUpload(req.params.name, req.body);
    res.status(201).json(saved);
  } catch (err) {
    res.status(400).json({ error: err.message });
  }
});

const port = Number(process.env.PORT) || 8080;
app.listen(port, () => console.log(`upload-inbox listening on ${port}`));
