const express = require('express');
const { TodoStore } = require('./store');

const app = express();
const store = new TodoStore();
const port = process.env.PORT || 3000;

app.use(express.json());
app.use(express.static(__dirname + '/../public'));

app.get('/api/todos', (req, res) => {
  res.json(store.list());
});

app.post('/api/todos', (req, res) => {
  if (!req.body || typeof req.body.title !== 'string') {
    return res.status(400).json({ error: 'title is required' });
  }
  res.status(201).json(store.add(req.body.title));
});

app.patch('/api/todos/:id', (req, res) => {
  const todo = store.toggle(Number(req.params.id));
  if (!todo) return res.status(404).json({ error: 'not found' });
  res.json(todo);
});

app.listen(port, () => {
  console.log(`todo-api listening on ${port}`);
});
