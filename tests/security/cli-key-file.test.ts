// Threat: the CLI's default master key sits beside the database, so whoever copies the data
// folder (a USB stick, a backup share) decrypts every resident's data with it. The default key
// lives in the user's config directory (0600); a key file inside the database's folder is refused
// unless the operator says so explicitly (--key-beside-db).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../main/cli/command.ts';
import { commands } from '../../main/cli/commands/queue.ts';
import { defaultKeyFile } from '../../main/cli/commands/queue-printing-support.ts';

async function kiosk(args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { readStdin: async () => '', stdout: (s) => void (out += s), stderr: (s) => void (err += s) };
  const command = commands.filter((c) => c.path.every((w, i) => args[i] === w)).sort((a, b) => b.path.length - a.path.length)[0]!;
  const status = await command.run(args.slice(command.path.length), io);
  return { status, out, err };
}

describe('the CLI master key file', () => {
  let dir: string;
  let config: string;
  let saved: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-cli-'));
    config = join(dir, 'config');
    saved = process.env.KIOSK_CONFIG_DIR;
    process.env.KIOSK_CONFIG_DIR = config;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.KIOSK_CONFIG_DIR;
    else process.env.KIOSK_CONFIG_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('by default lives in the user config directory, 0600, never in the data folder', async () => {
    const db = join(dir, 'data', 'kiosk.sqlite');
    const result = await kiosk(['queue', 'list', '--db', db, '--json']);
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, 'data', 'master.key'))).toBe(false);
    const key = defaultKeyFile(db);
    expect(key.startsWith(config)).toBe(true);
    expect(statSync(key).mode & 0o777).toBe(0o600);
  });

  it('a key file inside the database folder is refused unless --key-beside-db is given', async () => {
    const db = join(dir, 'data', 'kiosk.sqlite');
    const beside = join(dir, 'data', 'master.key');
    const refused = await kiosk(['queue', 'list', '--db', db, '--key-file', beside, '--json']);
    expect(refused.status).not.toBe(0);
    expect(refused.out + refused.err).toMatch(/データベースと同じフォルダー/);
    expect(existsSync(beside)).toBe(false);
    const inSubfolder = await kiosk(['queue', 'list', '--db', db, '--key-file', join(dir, 'data', 'keys', 'm.key'), '--json']);
    expect(inSubfolder.status).not.toBe(0);
    const allowed = await kiosk(['queue', 'list', '--db', db, '--key-file', beside, '--key-beside-db', '--json']);
    expect(allowed.status).toBe(0);
  });
});
