// `npm run office`'s entry point (office/server.ts) as a child process, the way an office machine
// runs it: started with an environment, resolved once it prints its listening line.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const NODE = process.execPath;

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** The first line with the ready field (`listening`: the service's address), parsed. */
  readonly started: Record<string, unknown> & { listening: string };
  /** Every stdout line after it, as it comes. */
  readonly lines: Interface;
  stderr(): string;
}

/**
 * Starts office/server.ts with `args` and `env` on top of this process's environment; resolves once
 * it prints a JSON line with `readyField` (`listening` for the service, `publishing` for publish-status).
 */
export async function startServiceProcess(
  env: NodeJS.ProcessEnv,
  args: readonly string[] = [],
  readyField = 'listening',
  timeoutMs = 30_000,
): Promise<ServiceProcess> {
  const child = spawn(NODE, ['--disable-warning=ExperimentalWarning', 'office/server.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const started = await new Promise<ServiceProcess['started']>((resolveStarted, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`office service did not start: ${stderr}`));
    }, timeoutMs);
    const onLine = (line: string): void => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (typeof parsed[readyField] === 'string') {
        clearTimeout(timer);
        lines.off('line', onLine);
        resolveStarted(parsed as ServiceProcess['started']);
      }
    };
    lines.on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`office service exited (${code}): ${stderr}`));
    });
  });
  return { child, started, lines, stderr: () => stderr };
}
