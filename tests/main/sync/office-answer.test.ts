// A hostile or broken office (or a machine in the middle) answering the counter's pull: the
// counter's main process holds residents' data, so a huge answer must be refused before it is
// held in memory, and a redirect (which would carry the machine token elsewhere) never followed.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_OFFICE_ANSWER_BYTES } from '../../../main/sync/bounded-json.ts';
import { openOfficeLog, type OfficeLog } from '../../../main/sync/office-log.ts';

let server: Server | undefined;
let log: OfficeLog | undefined;
let dir: string | undefined;
let redirectedTo: string[] = [];
afterEach(async () => {
  log?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  redirectedTo = [];
});

async function office(answer: (path: string, res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/elsewhere')) redirectedTo.push(String(req.headers.authorization));
    answer(req.url ?? '/', res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function openLog(url: string): OfficeLog {
  dir = mkdtempSync(join(tmpdir(), 'office-answer-'));
  return openOfficeLog({ path: join(dir, 'office-log.sqlite'), officeUrl: url, token: `3.${'s'.repeat(32)}` });
}

describe('an office answer the counter cannot trust', () => {
  it('is refused when it is larger than the limit, with or without a length, before it is parsed', async () => {
    const big = `{"events":[],"cursor":0,"head":0,"pad":"${'x'.repeat(MAX_OFFICE_ANSWER_BYTES)}"}`;
    for (const declared of [true, false]) {
      const url = await office((_path, res) => {
        res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': Buffer.byteLength(big) } : {}) });
        res.end(big);
      });
      log = openLog(url);
      await expect(log.pullOnce()).rejects.toMatchObject({ code: 'office/unreachable' });
      expect(log.cursor()).toBe(0);
      log.close();
      log = undefined;
      rmSync(dir!, { recursive: true, force: true });
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it('never follows a redirect with the machine token', async () => {
    const url = await office((path, res) => {
      if (path.startsWith('/elsewhere')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"events":[],"cursor":0,"head":0}');
      } else {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      }
    });
    log = openLog(url);
    await expect(log.pullOnce()).rejects.toMatchObject({ code: 'office/unreachable' });
    expect(redirectedTo).toEqual([]);
  });
});
