// The public per-number status is rate limited per address: numbers are guessable, so
// one address gets a small burst and a slow refill; a resident reloading every 15 s is never
// refused; over it the API answers 429 office/too-many-requests with Retry-After, the page says so
// in words (Japanese first, English second) and reads again later; signed-in machines are not
// counted; the doorbell does not make a resident's page read on every ring.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_BURST, STATUS_REFILL_MS } from '../../office/http.ts';
import { axeViolations, CHROMIUM_ARGS, screenshot } from '../e2e/support/harness.ts';
import { newUuidv7, useOfficePerTest, type Harness } from './support/office-harness.ts';

const { start } = useOfficePerTest();
/** The running test's service: `status` below asks it. */
let office: Harness | undefined;
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${(office as Harness).url}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), text };
}

describe('the public per-number status has a per-address limit', () => {
  it('a burst, then 429 with Retry-After and the words; one more per refill; a 15 s reload is never refused', async () => {
    // A fixed morning: two hours of reloads from the wall clock's now could cross midnight in Japan,
    // where yesterday's A-001 is no longer found (this failed in CI run at 22:00 JST).
    let clock = Date.parse('2026-03-30T09:00:00+09:00');
    office = await start({ now: () => clock });
    const counter = await office.counter('3');
    await counter.call('POST', '/v1/tickets', { id: newUuidv7(clock), category: 'tennyu', staff: 'R001' });

    // A resident reloading every 15 s for two hours (the load's read and the doorbell's read 8 s later).
    for (let s = 0; s < 2 * 3600; s += 15) {
      clock += 8000;
      expect((await get('/v1/status/A-001')).status).toBe(200);
      clock += 7000;
      expect((await get('/v1/status/A-001')).status).toBe(200);
    }
    // Someone walking through numbers: the burst (what the bucket holds now), then refused.
    clock += 10 * 60_000;
    const answers = [];
    for (let n = 1; n <= STATUS_BURST + 3; n++) answers.push((await get(`/v1/status/A-${String(n).padStart(3, '0')}`)).status);
    expect(answers.slice(0, STATUS_BURST)).toEqual([200, ...Array<number>(STATUS_BURST - 1).fill(404)]);
    expect(answers.slice(STATUS_BURST)).toEqual([429, 429, 429]);
    const refused = await get('/v1/status/A-001');
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe(String(Math.ceil(STATUS_REFILL_MS / 1000)));
    const body = JSON.parse(refused.text) as { error: { code: string; message: string; messageEn: string } };
    expect(body.error.code).toBe('office/too-many-requests');
    expect(body.error.message).toMatch(/^この接続からの番号の確認が多すぎます。\d+ 秒ほど待つと、また見られます。$/);
    expect(body.error.messageEn).toMatch(/^Too many number look-ups/);
    // The page itself says so in words, Japanese first, English second, and reloads itself later.
    const page = await get('/status/A-001');
    expect(page.status).toBe(429);
    expect(page.retryAfter).toBe(String(Math.ceil(STATUS_REFILL_MS / 1000)));
    const text = page.text.replace(/<[^>]+>/g, ' ');
    expect(text.indexOf('この接続からの確認が多すぎます')).toBeGreaterThan(-1);
    expect(text.indexOf('Too many look-ups')).toBeGreaterThan(text.indexOf('この接続からの確認が多すぎます'));
    expect(page.text).toContain('<meta http-equiv="refresh" content="5">');
    expect(page.text).toContain('<p lang="vi">Quý khách đã tra cứu quá nhiều lần.');
    // Signed-in machines are not counted (a counter or the reception page asking for its new number).
    expect((await get('/v1/status/A-001', { authorization: `Bearer ${counter.token}` })).status).toBe(200);
    // A wrong credential is just a public reader.
    expect((await get('/v1/status/A-001', { authorization: 'Bearer nope' })).status).toBe(429);
    // One more per refill period.
    clock += STATUS_REFILL_MS;
    expect((await get('/v1/status/A-001')).status).toBe(200);
    expect((await get('/v1/status/A-001')).status).toBe(429);
  });

  it("the resident's page reads once per doorbell burst, and says so in words when it is over the limit", async () => {
    office = await start({ statusLimit: { burst: 2, refillMs: 120_000 } });
    const counter = await office.counter('3');
    await counter.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    const reads: number[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/v1/status/A-001')) reads.push(Date.now());
    });
    await page.goto(`${office.url}/status/A-001`);
    await page.waitForFunction(() => document.body.dataset.phase === 'waiting');
    // Ten tickets in three seconds: ten doorbells. Before, each one read the number again.
    for (let i = 0; i < 10; i++) {
      await counter.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tenshutsu', staff: 'R001' });
      await page.waitForTimeout(300);
    }
    expect(reads.length).toBe(1);
    // The doorbell's read comes 8 s after the first (the second of the two allowed); the poll's, at 15 s, is refused.
    await page.waitForFunction(() => document.body.dataset.limited !== undefined, undefined, { timeout: 30_000 });
    expect(reads.length).toBe(3);
    const notice = await page.$$eval('#notice p', (ps) => ps.map((p) => [(p as HTMLElement).lang, p.textContent]));
    expect(notice[0]?.[1]).toMatch(/^この接続からの確認が多すぎます。\d+ 秒ほどで自動でもう一度表示します。$/);
    expect(notice[1]?.[0]).toBe('ja-Hira');
    expect(notice[2]).toEqual(['en', expect.stringMatching(/^Too many look-ups from this connection/)]);
    expect(notice.map((n) => n[0])).toEqual(['', 'ja-Hira', 'en', 'zh-Hans', 'ko', 'vi']);
    // What it showed stays: the number and its words.
    expect(await page.textContent('#number')).toBe('A-001');
    expect(await page.textContent('#words')).toBe('受付済みです。番号をお呼びするまでお待ちください。');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'office-ticket-status-limited');
    await context.close();
  });
});
