class TodoStore {
  constructor() {
    this.items = [];
    this.nextId = 1;
  }

  list() {
    return this.items;
  }

  add(title) {
    const todo = { id: this.nextId++, title, done: false };
    this.items.push(todo);
    return todo;
  }

  toggle(id) {
    const todo = this.items.find((t) => t.id === id);
    if (todo) todo.done = !todo.done;
    return todo;
  }
}

module.exports = { TodoStore };
