// "Call a specific number" on the back-office and 交付 window pages, in Chromium against
// the real office service: staff type a number (as they type it: ａ２, A-012) and the window calls it;
// a number that is not today's, not at this window's stage, or already called at another window is
// refused in Japanese words that say which; the result is on screen and on the hall display.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayView } from '../../domain/office.ts';
import { issueSignInCode, registerMachine } from '../../office/machines.ts';
import { axeViolations, CHROMIUM_ARGS, screenshot } from '../e2e/support/harness.ts';
import { newUuidv7, OFFICE, request, startHarness, type Harness } from './support/office-harness.ts';
import { startTestPostgres, type TestPostgres } from './support/postgres.ts';

let postgres: TestPostgres;
let office: Harness;
let browser: Browser;
beforeAll(async () => {
  postgres = await startTestPostgres();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await office?.close();
  await postgres?.stop();
});

async function signIn(machine: string, role: 'processing' | 'delivery', staff: string): Promise<Page> {
  await registerMachine(office.pool, OFFICE, machine, role);
  const { code } = await issueSignInCode(office.pool, OFFICE, machine);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await page.goto(`${office.url}/sign-in#${code}`);
  await page.fill('#staff', staff);
  await page.click('#start');
  await page.waitForFunction(() => document.body.dataset.session === 'up');
  return page;
}

async function callTyped(page: Page, typed: string): Promise<string> {
  await page.fill('#call-number', typed);
  const before = await page.textContent('#call-result');
  await page.click('#call-specific');
  await expect.poll(() => page.textContent('#call-result')).not.toBe(before);
  await page.waitForFunction(() => !(document.getElementById('call-specific') as HTMLButtonElement).disabled);
  return (await page.textContent('#call-result')) ?? '';
}

describe('call a specific number on the window pages', () => {
  it('processing takes a typed number of its stage; 交付 calls one on the hall display; the refusals say why', async () => {
    office = await startHarness(await postgres.database());
    const counter = await office.counter('3');
    for (let i = 0; i < 3; i++) await counter.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' });
    // go on to the back office; A-002 waits at the counter.
    for (const n of ['A-001', 'A-003']) {
      await counter.call('POST', `/v1/tickets/${n}/call`, { id: newUuidv7(), staff: 'S1024' });
      await counter.call('POST', `/v1/tickets/${n}/hand-over`, { id: newUuidv7(), staff: 'S1024', to: 'processing' });
    }

    const p1 = await signIn('31', 'processing', 'S2001');
    expect(await p1.textContent('#call-label')).toBe('番号を指定して取る Take a specific number');
    expect(await callTyped(p1, 'a-099')).toBe(
      "A-099 は本日の番号にありません。番号を確かめて入れ直してください。 A-099 is not one of today's numbers. Check the number and enter it again.",
    );
    expect(await callTyped(p1, 'ａ２')).toBe(
      'A-002 はいま「窓口（書かない窓口）」の番号です。この画面（手続き（バックオフィス））では呼べません。 A-002 is at the counter, not at processing.',
    );
    expect(await callTyped(p1, 'x')).toBe('番号は A-012 のように、英字 1 文字と数字で入れてください。 Enter a number like A-012.');
    // Out of turn: A-003 before A-001.
    expect(await callTyped(p1, 'Ａ－００３')).toBe('A-003 を取りました。手続きを始めてください。 Took A-003.');
    await p1.waitForFunction(() => document.body.dataset.current === 'A-003');
    expect(await axeViolations(p1)).toEqual([]);
    await screenshot(p1, 'office-window-processing-call-specific');
    // Another back-office window may not take the file 31 holds.
    const p2 = await signIn('32', 'processing', 'S2002');
    expect(await callTyped(p2, 'A-003')).toBe('A-003 はすでに31番窓口で呼出中です。 A-003 is already being called at counter 31.');
    expect(await callTyped(p1, 'A-003')).toBe(
      'A-003 はこの窓口で呼出中です。もう一度呼ぶときは「再呼出」を押してください。 A-003 is already being called here; press Call again to repeat it.',
    );
    await p1.click('#hand-over');
    await p1.waitForFunction(() => document.body.dataset.current === '');

    // 交付 calls A-003 by its number: on the hall display, at window 21.
    const d = await signIn('21', 'delivery', 'S3001');
    expect(await callTyped(d, 'A-001')).toBe(
      'A-001 はいま「手続き（バックオフィス）」の番号です。この画面（交付）では呼べません。 A-001 is at processing, not at collection.',
    );
    expect(await callTyped(d, 'a3')).toBe('A-003 を呼び出しました（呼出表示板）。 Called A-003 on the hall display.');
    await d.waitForFunction(() => document.body.dataset.current === 'A-003');
    const display = displayView.parse((await request(office.url, 'GET', '/v1/display')).body);
    expect(display.calls[0]).toMatchObject({ number: 'A-003', counter: '21', recall: false });
    expect(await axeViolations(d)).toEqual([]);
    await screenshot(d, 'office-window-delivery-call-specific');
    await d.click('#complete');
    await d.waitForFunction(() => document.body.dataset.current === '');
    expect(await callTyped(d, 'A-003')).toBe('A-003 の手続きは終わっています（交付済み）。 A-003 is already finished.');
  });
});
