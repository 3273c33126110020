// Calling from the hall at the staff console, with the app linked to a real office
// service (PostgreSQL): 「次の方を呼ぶ」, 「不在」, a number typed by hand as a Japanese keyboard
// gives it (full-width), and a called resident sent to another category's queue. Debian's
// Chromium, axe, screenshots. The hall sees numbers only; the console shows the number large.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketResponse } from '../../domain/office.ts';
import { newUuidv7, startHarness as startOffice, type Harness as OfficeHarness } from '../office/support/office-harness.ts';
import { startTestPostgres, type TestPostgres } from '../office/support/postgres.ts';
import { axeViolations, screenshot, STAFF, startHarness, type Harness } from './support/harness.ts';
import { expectText } from './support/expect-page.ts';

describe('calling from the hall at the console (real office service, Chromium)', () => {
  let postgres: TestPostgres;
  let office: OfficeHarness;
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    office = await startOffice(await postgres.database());
    const reception = await office.counter('R1');
    for (const category of ['tennyu', 'tennyu'])
      ticketResponse.parse((await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category, staff: 'R0001' })).body);
    // The e2e harness's console is counter 3.
    h = await startHarness({ office: { url: office.url, token: (await office.counter('3')).token } });
    page = (await h.open('staff', { width: 1280, height: 1000 })).page;
  });

  afterAll(async () => {
    // The app closes while the office is still up (its copy of the log is following the stream):
    // this close hung before the stream's reader was cancelled on stop.
    await h?.close();
    await office?.close();
    await postgres?.stop();
  });

  it('calls the next, marks absent, calls the number again when the resident is back, and moves them to the 転居 queue', async () => {
    await page.getByLabel('職員ID').fill(STAFF.staffId);
    await page.getByLabel('パスワード').fill(STAFF.password);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByTestId('hall-call-next').click();
    await expectText(page.getByTestId('hall-called'), /呼出中\s*A-001/);
    await page.getByTestId('hall-no-show').click();
    await expectText(page.getByTestId('hall-idle'), /呼出中の番号はありません/);

    // Typed at a Japanese keyboard: full-width letters and digits.
    const field = page.getByLabel('番号を指定して呼ぶ（Call a number）');
    await field.fill('ａ－００１');
    await page.getByTestId('hall-call-number').click();
    await expectText(page.getByTestId('hall-called'), /呼出中\s*A-001\s*2 回目/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-hall-call-by-number');

    await page.getByLabel('別の手続きの列へ移す（Transfer）').selectOption('tenkyo');
    await page.getByTestId('hall-transfer').click();
    await expectText(page.getByTestId('hall-idle'), /呼出中の番号はありません/);
    const { rows } = await office.pool.query(`SELECT pool, state FROM tickets WHERE label = 'A-001'`);
    expect(rows).toEqual([{ pool: 'tenkyo', state: 'waiting' }]);

    // A number that is not today's: the office's words, and the typed number kept to correct.
    await field.fill('A-099');
    await page.getByTestId('hall-call-number').click();
    await expectText(page.getByRole('alert'), /その番号札は本日の窓口サービスにありません/);
    expect(await field.inputValue()).toBe('A-099');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'staff-hall-call-not-found');
  });
});
