import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Makes sure the real daemons the integration tests drive are running (idempotent). */
export default function setup(): void {
  execFileSync('bash', [resolve(import.meta.dirname, '../../.ci/start-services')], { stdio: 'inherit' });
}
