const { validateBookmark } = require('@bookmarks/shared');

class Bookmarks {
  constructor() {
    this.items = [];
    this.nextId = 1;
  }

  list(now = Date.now()) {
    return this.items.filter((b) => b.expiresAt === null || b.expiresAt > now);
  }

  add(input, now = Date.now()) {
    const v = validateBookmark(input);
    if (!v.ok) return { errors: v.errors };
    const bookmark = { id: this.nextId++, url: input.url, title: input.title.trim(), expiresAt: v.expiresIn === null ? null : now + v.expiresIn };
    this.items.push(bookmark);
    return { bookmark };
  }
}

module.exports = { Bookmarks };
