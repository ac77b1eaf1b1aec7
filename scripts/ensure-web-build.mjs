// Runs before `npm start`: builds the web client when web/dist is missing or older than its sources.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'web/dist/index.html');
// The client also bundles the check engine and the shared geodata modules.
const sources = ['web', 'api/checks', 'geodata/crs.ts', 'geodata/land-use-codes.ts'].map((p) => path.join(root, p));

function newestSource(dir) {
  if (!fs.statSync(dir).isDirectory()) return fs.statSync(dir).mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const pages = [dist, ...['permits', 'verify', 'plan'].map((page) => path.join(root, `web/dist/${page}.html`))];
const built = pages.every((p) => fs.existsSync(p)) ? Math.min(...pages.map((p) => fs.statSync(p).mtimeMs)) : 0;
if (built < Math.max(...sources.map(newestSource))) {
  console.log('Building the web client (web/dist)…');
  execSync('npm run build:web', { cwd: root, stdio: 'inherit' });
}
