// Render every Markdown file in content/ to dist/<name>.html and copy static/.
const fs = require('fs');
const path = require('path');
const { marked } = require('marked');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

const layout = (title, body) => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="style.css"></head>
<body><main>${body}</main></body></html>
`;

const pages = fs.readdirSync(path.join(root, 'content')).filter((f) => f.endsWith('.md')).sort();
for (const file of pages) {
  const md = fs.readFileSync(path.join(root, 'content', file), 'utf8');
  const title = (md.match(/^# (.+)$/m) || [, file])[1];
  const name = file.replace(/\.md$/, '.html');
  fs.writeFileSync(path.join(out, name), layout(title, marked.parse(md)));
  console.log(`rendered ${file} -> dist/${name}`);
}
for (const file of fs.readdirSync(path.join(root, 'static'))) {
  fs.copyFileSync(path.join(root, 'static', file), path.join(out, file));
}
