// Threat: IT staff type a new account's password into `staff add` at a terminal while a colleague
// or a resident can see the screen (or a screen recording runs): the terminal echoes it. Typed at
// a terminal, the password is read without echo. Tested on a real terminal: `staff add` runs in a
// tmux pane of a private tmux server, the password is typed with send-keys after the prompt
// shows, and the pane's text is captured.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StaffAccounts } from '../../main/auth/staff-accounts.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'kiosk-staff-tty-'));
const socket = `kiosk-staff-tty-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
afterAll(() => {
  tmux('kill-server');
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('staff add at a terminal', () => {
  it('never echoes the password, and saves the account', { timeout: 60_000 }, async () => {
    const password = 'Kasumigaseki-2026-pw';
    const data = join(dir, 'data');
    const done = join(dir, 'exit-code');
    const command = `${process.execPath} --disable-warning=ExperimentalWarning main/cli/kiosk.ts staff add sato-k --role staff --data-dir ${data}; echo $? > ${done}`;
    expect(tmux('new-session', '-d', '-x', '200', '-y', '50', '-c', ROOT, 'sh', '-c', `${command}; sleep 30`).status).toBe(0);
    const pane = () => tmux('capture-pane', '-p', '-J', '-S', '-100').stdout;
    // Typed only once the command is waiting for it (raw mode set), as a person would.
    expect(await until(() => /password \(hidden\)|>/.test(pane()), 20_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    tmux('send-keys', '-l', password);
    tmux('send-keys', 'Enter');
    // The old code read to end of input: Ctrl+D ends it there (and is harmless here).
    if (!(await until(() => existsSync(done), 3_000))) tmux('send-keys', 'C-d');
    expect(await until(() => existsSync(done), 20_000)).toBe(true);
    const screen = pane();
    expect(screen).not.toContain(password);
    expect(screen).not.toContain(password.slice(0, 6));
    expect(readFileSync(done, 'utf8').trim()).toBe('0');
    expect(screen).toContain('sato-k (staff) を登録しました');
    const accounts = new StaffAccounts(join(data, 'staff-accounts.json'));
    expect(accounts.list()).toEqual([expect.objectContaining({ staffId: 'sato-k', role: 'staff' })]);
  });
});

describe('the documentation', () => {
  it('never shows a password on a command line (echo … |)', () => {
    for (const file of ['README.md', 'docs/cli.md', 'docs/operations.md']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/echo\s+['"][^'"]*['"]\s*\|\s*npm run[^\n]*staff add/);
    }
  });
});
