// The kiosk CLI as IT staff run it: a separate Node process per command, its own config directory
// (where the master key and the ticket high-water marks live), JSON on stdout.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../../..');
export const KIOSK = resolve(ROOT, 'main/cli/kiosk.ts');
export const NODE_ARGS = ['--disable-warning=ExperimentalWarning', KIOSK];

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The last stdout line as JSON ({} when it is not JSON). */
  json: Record<string, unknown>;
  elapsedMs: number;
}

export function lastJson(stdout: string): Record<string, unknown> {
  try {
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Runs `kiosk <args>` (or `command` with NODE_ARGS replaced) with `input` on stdin; kills it after `timeoutMs`. */
export function runKiosk(
  args: string[],
  options: { input?: string | Buffer; configDir: string; timeoutMs?: number; command?: [string, ...string[]] } = { configDir: '' },
): Promise<CliResult> {
  const started = performance.now();
  const [file, ...prefix] = options.command ?? [process.execPath];
  const child = spawn(file, [...prefix, ...(options.command ? [] : NODE_ARGS), ...args], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_CONFIG_DIR: options.configDir, NODE: process.execPath },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  return new Promise((done) => {
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      done({ status, signal, stdout, stderr, json: lastJson(stdout), elapsedMs: performance.now() - started });
    });
  });
}
