// The supervisor's floor view on screen: the counter app linked to a real office service
// (PostgreSQL) with a supervisor machine's token; main reads GET /v1/floor and /v1/flags, the
// dashboard shows the whole office, an alert in words (Japanese, then English), the current hour
// marked, and the flag the office could not merge with 「対応済みにする」. Debian's Chromium, axe.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketResponse, type OfficeEvent } from '../../domain/office.ts';
import { registerMachine } from '../../office/machines.ts';
import { newUuidv7, OFFICE, startHarness as startOffice, type Harness as OfficeHarness } from '../office/support/office-harness.ts';
import { startTestPostgres, type TestPostgres } from '../office/support/postgres.ts';
import { axeViolations, screenshot, startHarness, SUPERVISOR, type Harness } from './support/harness.ts';
import { expectText } from './support/expect-page.ts';

const DAY = '2026-03-30';
const at = (hhmm: string) => Date.parse(`${DAY}T${hhmm}:00+09:00`);

describe('the supervisor floor view (real office service, Chromium)', () => {
  let postgres: TestPostgres;
  let office: OfficeHarness;
  let h: Harness;
  let page: Page;
  let clock = at('08:50');
  let officeClosed = false;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    office = await startOffice(await postgres.database(), {
      now: () => clock,
      floor: { targetMinutes: 20, open: '08:45', close: '17:15' },
    });
    const reception = await office.counter('R1');
    const c1 = await office.counter('1');
    const c2 = await office.counter('2');
    const c7 = await office.counter('7');
    const issue = async (hhmm: string, category: string) => {
      clock = at(hhmm);
      return ticketResponse.parse((await reception.call('POST', '/v1/tickets', { id: newUuidv7(clock), category, staff: 'R0001' })).body)
        .ticket!;
    };
    const callNext = async (who: typeof c1, hhmm: string, pools: string[]) => {
      clock = at(hhmm);
      return (await who.call('POST', '/v1/call-next', { id: newUuidv7(clock), pools, staff: `S000${who.id}` })).status;
    };
    // A 転入 morning peak; called; C-001 transferred to 転入 keeps its wait; C-001 and A-003 still wait at 10:00.
    await issue('08:50', 'tennyu');
    await issue('08:52', 'tennyu');
    await issue('08:55', 'tenkyo');
    await issue('09:00', 'tennyu');
    expect(await callNext(c1, '09:05', ['tennyu'])).toBe(200);
    expect(await callNext(c2, '09:12', ['tennyu'])).toBe(200);
    clock = at('09:14');
    await c2.call('POST', '/v1/tickets/C-001/transfer', { id: newUuidv7(clock), staff: 'S0002', to: 'tennyu' });
    clock = at('09:20');
    await c1.call('POST', '/v1/tickets/A-001/complete', { id: newUuidv7(clock), staff: 'S0001' });
    // Counter 7 was cut off and issued a number outside any block: flagged for the supervisor.
    const stray: OfficeEvent = {
      id: newUuidv7(at('09:30')),
      visitId: newUuidv7(at('09:30') + 1),
      kind: 'ticket-issued',
      at: at('09:30'),
      counter: '7',
      staff: 'S0007',
      category: 'tennyu',
      ticket: 'A-050',
      reason: null,
      stage: null,
      forms: null,
    };
    expect((await c7.call('POST', '/v1/events', { events: [stray] })).status).toBe(200);
    clock = at('10:00');

    const token = await registerMachine(office.pool, OFFICE, 'SV1', 'supervisor');
    h = await startHarness({ office: { url: office.url, token }, officeClock: () => clock });
    page = (await h.open('supervisor', { width: 1280, height: 1000 })).page;
  });

  afterAll(async () => {
    await h?.close();
    if (!officeClosed) await office?.close();
    await postgres?.stop();
  });

  it('shows the whole office with the alert in words, the current hour, and the unmerged flag to mark dealt with', async () => {
    await page.getByLabel('職員ID').fill(SUPERVISOR.staffId);
    await page.getByLabel('パスワード').fill(SUPERVISOR.password);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByLabel('開始日').fill(DAY);
    await page.getByLabel('終了日').fill(DAY);
    await page.getByRole('button', { name: '表示' }).click();

    const floor = page.getByTestId('floor');
    await expectText(floor.getByTestId('floor-waiting'), '2'); // C-001 (transferred to 転入, waiting since 08:55) and A-003
    const alert = floor.getByRole('alert');
    await expectText(
      alert,
      /警告：.*窓口前の最長待ち C-001（転入）が 65 分で、目標 20 分を超えています。.*The longest wait before the counter, C-001/,
    );
    // The current hour is marked in words, not by its outline alone.
    await expectText(floor.getByTestId('floor-hours').locator('tr[aria-current="time"] th'), /10:00–11:00\s*（いま）/);
    await expectText(floor.getByTestId('floor-periods').locator('tbody tr').first(), /今日\s*4\s*2/);
    await expect.poll(async () => floor.getByTestId('floor-periods').locator('tbody tr').first().textContent()).toContain('目標超過');
    const flags = floor.getByTestId('floor-flags');
    await expectText(flags.locator('caption'), '統合できなかった記録（未対応 1件）');
    await expectText(flags.locator('tbody tr').first(), /割当範囲外の番号\s*A-050\s*7/);

    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await screenshot(page, 'supervisor-floor-01-alert');

    await flags.getByRole('button', { name: /対応済みにする/ }).click();
    await expectText(flags.locator('caption'), '統合できなかった記録（未対応 0件）');
    expect(await flags.locator('tbody tr').count()).toBe(0);
    const open = await office.pool.query(`SELECT count(*)::int AS n FROM sync_flags WHERE resolved_at IS NULL`);
    expect(open.rows[0]).toEqual({ n: 0 });
    expect(h.services.audit.entries().some((e) => e.action === 'sync-flag-resolved')).toBe(true);
    await screenshot(page, 'supervisor-floor-02-resolved');

    // The office service goes away: the supervisor still sees the floor, from this PC's copy of
    // the office log, and is told so in words; the flags wait for the office.
    await office.close();
    officeClosed = true;
    await page.getByRole('button', { name: '表示' }).click();
    const banner = floor.getByTestId('floor-from-copy');
    await expectText(banner, /窓口サービスにつながりません。この端末が \d\d:\d\d に受け取った記録から計算しています/);
    await expectText(floor.getByTestId('floor-waiting'), '2');
    await expectText(floor.getByRole('alert'), /窓口前の最長待ち C-001（転入）が 65 分で、目標 20 分を超えています。/);
    expect(await floor.getByTestId('floor-flags').count()).toBe(0);
    await expectText(floor, /同期できなかった記録の一覧は、窓口サービスにつながると表示します。/);
    const offline = await axeViolations(page);
    expect(offline, JSON.stringify(offline, null, 1)).toEqual([]);
    await screenshot(page, 'supervisor-floor-03-from-copy');
  });
});
