// Threat: `read-card --with-number` prints the 個人番号 on a terminal anyone behind the operator can read.
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../main/cli/command.ts';
import { commands } from '../../main/cli/commands/card.ts';

describe('read-card --with-number', () => {
  const tty = process.stdout.isTTY;
  afterEach(() => {
    process.stdout.isTTY = tty;
  });
  it('refuses to print the number to a terminal, before touching any card', async () => {
    process.stdout.isTTY = true;
    let out = '';
    const io: CliIo = { readStdin: async () => '', stdout: (t) => void (out += t), stderr: (t) => void (out += t) };
    const command = commands.find((c) => c.path.join(' ') === 'read-card')!;
    const status = await command.run(['--demo', '--with-number', '--json'], io);
    expect(status).not.toBe(0);
    expect(out).toMatch(/端末に表示しません/);
  });
});
