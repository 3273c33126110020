// Day close from the command line: `queue close-day` abandons the requests still open
// once the office has closed (reason day-closed), so the retention purge can erase them; before
// the closing time it leaves today's requests alone.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runKiosk } from '../db/support/cli-process.ts';

const base = mkdtempSync(join(tmpdir(), 'kiosk-close-day-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('queue close-day', () => {
  it('abandons what is still open after the closing time, with the reason day-closed', { timeout: 60_000 }, async () => {
    mkdirSync(join(base, 'data'));
    const db = join(base, 'data', 'kiosk.sqlite');
    const configDir = join(base, 'config');
    const kiosk = (args: string[], input = '') => runKiosk([...args, '--db', db, '--json'], { configDir, input });
    for (const minute of ['00', '05'])
      expect(
        (
          await kiosk(
            ['queue', 'add', '--category', 'tennyu', '--now', `2026-11-24T01:${minute}:00Z`],
            JSON.stringify({ name: '髙橋 一郎' }),
          )
        ).status,
      ).toBe(0);
    // 16:00 JST: not closed yet.
    expect((await kiosk(['queue', 'close-day', '--now', '2026-11-24T07:00:00Z'])).json).toMatchObject({ abandoned: 0 });
    // 17:30 JST, past the default 17:15.
    const closed = await kiosk(['queue', 'close-day', '--now', '2026-11-24T08:30:00Z']);
    expect(closed.status).toBe(0);
    expect(closed.json).toMatchObject({ abandoned: 2, closingTime: '17:15' });
    expect((await kiosk(['queue', 'list'])).json).toEqual({ requests: [] });
    const shown = await kiosk(['queue', 'show', 'A-001', '--day', '2026-11-24']);
    expect((shown.json.events as { kind: string; reason: string | null }[]).at(-1)).toMatchObject({
      kind: 'abandoned',
      reason: 'day-closed',
    });
    const bad = await kiosk(['queue', 'close-day', '--closing-time', '25:00']);
    expect(bad.status).toBe(2);
  });
});
