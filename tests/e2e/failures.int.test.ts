// What goes wrong at a counter, on the real components: a card pulled mid-read, a stopped
// printer. (A resident who walks away: idle.int.test.ts.)
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cardFromFixture, findFixture, fixtureCodeB } from '../../devices/card/virtual/fixtures.ts';
import { insertCard, type InsertedCard } from '../support/card-vpcd.ts';
import { axeViolations, cupsOutputs, PRINTER, screenshot, SLOT, startHarness, type Harness } from './support/harness.ts';
import { expectContains, expectText } from './support/expect-page.ts';
import { manualVisit, signInStaff } from './support/visits.ts';

const fixture = findFixture('sato-sex9') ?? findFixture('takahashi-showa64');
const kidFixture = findFixture('watanabe-reiwa1-child');
if (!fixture || !kidFixture) throw new Error('fixtures missing');

describe('failures at the counter', () => {
  let h: Harness;
  let staff: Page;
  let resident: Page;
  let card: InsertedCard | null = null;

  beforeAll(async () => {
    h = await startHarness();
    staff = (await h.open('staff')).page;
    resident = (await h.open('resident', { width: 1080, height: 1400 })).page;
    signInStaff(h.services);
    await staff.reload();
  });

  afterEach(async () => {
    await card?.pull().catch(() => undefined);
    card = null;
    h.services.session.end('cancelled');
  });

  afterAll(async () => {
    execFileSync('cupsenable', [PRINTER]);
    await h?.close();
  });

  it('tells staff what to do when the card is pulled mid-read, and burns no PIN try', async () => {
    const virtualCard = cardFromFixture(fixture);
    // A slow card, so that the read is still running when the card is pulled.
    card = await insertCard(h.cardService.readers, virtualCard, SLOT, { responseDelayMs: 400 });
    await staff.getByRole('button', { name: '新しい受付を始める' }).click();
    await staff.getByRole('button', { name: /カードを読む/ }).click();
    await expectText(staff.getByTestId('staff-retries'), '残り回数：3 回');
    await resident.locator('.pin-pad').waitFor();
    for (const digit of fixture.pin) await resident.getByRole('button', { name: `数字 ${digit}`, exact: true }).click();
    await resident.getByRole('button', { name: '決定' }).click();
    await resident.getByText('カードを読み取っています。', { exact: false }).waitFor();
    await card.pull();
    card = null;
    const alert = staff.locator('.error-panel').first();
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('card/card-removed');
    await expectContains(alert, '次にすること：');
    await expectContains(alert, 'カードを置き直して');
    expect(await axeViolations(staff)).toEqual([]);
    await screenshot(staff, 'staff-09-card-pulled');
    // The resident is told on their own screen, not sent back to 「いらっしゃいませ」 with no word.
    const problem = resident.getByTestId('resident-card-problem');
    await expectContains(problem, 'カードを読み取れませんでした');
    expect(await resident.getByRole('heading', { name: 'いらっしゃいませ' }).count()).toBe(0);
    expect(await axeViolations(resident)).toEqual([]);
    await screenshot(resident, 'resident-08-card-problem-ja');
    // Put the same card back: the PIN try counter is untouched and the read succeeds.
    card = await insertCard(h.cardService.readers, virtualCard, SLOT);
    await staff.getByRole('button', { name: /カードを読む/ }).click();
    await expectText(staff.getByTestId('staff-retries'), '残り回数：3 回');
    for (const digit of fixture.pin) await resident.getByRole('button', { name: `数字 ${digit}`, exact: true }).click();
    await resident.getByRole('button', { name: '決定' }).click();
    await staff.getByTestId('member-m1').waitFor();
  });

  it('tells the resident in their own language that the PIN is locked, and what happens next', async () => {
    card = await insertCard(h.cardService.readers, cardFromFixture(fixture, { pinTries: 0 }), SLOT);
    const session = h.services.session;
    session.start();
    await session.readCard('pin');
    expect((await session.view()).error).toMatchObject({ code: 'card/pin-blocked' });
    const problem = resident.getByTestId('resident-card-problem');
    await expectContains(problem, '暗証番号がロックされました');
    await resident.getByRole('button', { name: /^(✓ )?Tiếng Việt$/ }).click();
    await expectContains(problem, 'Mã PIN đã bị khóa');
    await expectContains(problem, 'Không đọc được thẻ');
    expect(await axeViolations(resident)).toEqual([]);
    await screenshot(resident, 'resident-08b-pin-blocked-vi');
    await resident.getByRole('button', { name: /^(✓ )?日本語$/ }).click();
  });

  it('holds the print while the printer is stopped and prints exactly one copy once it is back', async () => {
    manualVisit(h.services);
    await h.services.session.renderPreview();
    execFileSync('cupsdisable', [PRINTER]);
    try {
      const before = cupsOutputs();
      await staff.reload();
      await staff.getByRole('button', { name: '印刷する' }).click();
      await expectText(staff.getByTestId('job-state').first(), '⚠ 保留（プリンター停止中）', 15_000);
      await staff.getByText('プリンターが止まっています。', { exact: false }).waitFor();
      await expectContains(staff.getByTestId('status-printer'), '停止中');
      // The ticket waits for the print: nobody is sent to wait for forms still held at the printer.
      await expect(staff.getByRole('button', { name: '番号札を発行', exact: true }).isDisabled()).resolves.toBe(true);
      await staff.getByTestId('ticket-waits').waitFor();
      expect(await axeViolations(staff)).toEqual([]);
      await screenshot(staff, 'staff-10-printer-stopped');
      execFileSync('cupsenable', [PRINTER]);
      await expectText(staff.getByTestId('job-state').first(), '✓ 完了', 30_000);
      await expect.poll(() => [...cupsOutputs().keys()].filter((f) => !before.has(f)).length, { timeout: 30_000 }).toBe(1);
      // Nothing more arrives later: one job, one copy.
      await new Promise((r) => setTimeout(r, 1500));
      expect([...cupsOutputs().keys()].filter((f) => !before.has(f))).toHaveLength(1);
      // Printed: now the ticket, and its 受付票 (a page of its own).
      await staff.getByRole('button', { name: '番号札を発行', exact: true }).click();
      await staff.getByTestId('staff-ticket').waitFor();
      await expect.poll(() => [...cupsOutputs().keys()].filter((f) => !before.has(f)).length, { timeout: 30_000 }).toBe(2);
    } finally {
      execFileSync('cupsenable', [PRINTER]);
    }
  });

  it('keeps the number on screen until the 受付票 has printed, even when the card is taken first', async () => {
    const session = h.services.session;
    card = await insertCard(h.cardService.readers, cardFromFixture(kidFixture), SLOT);
    session.start();
    await session.readCard('code-b', fixtureCodeB(kidFixture));
    const member = (await session.view()).members[0];
    if (!member) throw new Error('card not read');
    session.updateMember(member.id, { furigana: 'ワタナベ　ヒマリ' });
    session.setMove({
      kind: 'tennyu',
      moveDate: '2026-11-16',
      postalCode: '060-0042',
      address: '北海道札幌市中央区大通西四丁目１番地',
      building: '',
      previousPostalCode: '810-0001',
      previousAddress: kidFixture.resident.address,
      phone: '',
    });
    await session.renderPreview();
    await session.print();
    await expect.poll(async () => (await session.view()).printJobs.map((j) => j.state), { timeout: 30_000 }).toEqual(['completed']);
    execFileSync('cupsdisable', [PRINTER]);
    try {
      const before = cupsOutputs();
      await session.issueTicket();
      const ticket = (await session.view()).ticket?.number ?? '';
      await expectText(resident.getByTestId('resident-ticket'), ticket);
      await expectContains(resident.getByTestId('resident-receipt'), '受付票（控え）を印刷しています');
      await screenshot(resident, 'resident-07-receipt-printing-ja');
      // The resident takes the card while the 受付票 is held at the stopped printer: the number stays.
      await card.pull();
      card = null;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await resident.getByTestId('resident-ticket').textContent()).toBe(ticket);
      expect((await session.view()).active).toBe(true);
      // The printer is back: the 受付票 prints, and only then the visit ends (the card is already gone).
      execFileSync('cupsenable', [PRINTER]);
      await resident.getByRole('heading', { name: 'いらっしゃいませ' }).waitFor({ timeout: 30_000 });
      expect(h.services.audit.entries().at(-1)).toMatchObject({ action: 'session-ended', detail: 'card-removed' });
      await expect.poll(() => [...cupsOutputs().keys()].filter((f) => !before.has(f)).length, { timeout: 30_000 }).toBe(1);
    } finally {
      execFileSync('cupsenable', [PRINTER]);
    }
  });
});
