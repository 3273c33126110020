// `npm run bench -- <name>`: runs bench/<name>.ts. Every benchmark prints ratios against a
// baseline measured in the same run, because absolute times vary between machines.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const available = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(2);
}
process.argv = [process.argv[0]!, join(import.meta.dirname, `${name}.ts`), ...rest];
await import(pathToFileURL(join(import.meta.dirname, `${name}.ts`)).href);
