// The walk-through, end to end on real components: a 3-person 転入 household (two
// My Number cards through the real pcscd + vpcd, one child entered by hand), one wrong PIN,
// preview, print to the real CUPS-PDF queue, ticket; then the supervisor dashboard shows the
// request waiting and, once completed, its wait time. Then pulling the card wipes the screens.
import { officeDay } from '../../domain/office-time.ts';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cardFromFixture, findFixture, type CardFixture } from '../../devices/card/virtual/fixtures.ts';
import { insertCard, type InsertedCard } from '../support/card-vpcd.ts';
import { expectContains, expectText, expectValue } from './support/expect-page.ts';
import {
  axeViolations,
  cupsOutputs,
  CUPS_PDF_OUT,
  ROOT,
  screenshot,
  SLOT,
  startHarness,
  STAFF,
  SUPERVISOR,
  type Harness,
} from './support/harness.ts';

function fixture(id: string): CardFixture {
  const f = findFixture(id);
  if (!f) throw new Error(`missing fixture ${id}`);
  return f;
}

const HEAD = fixture('takahashi-showa64');
const PARTNER = fixture('yamazaki-heisei1');
const CHILD = { name: '髙橋　𠮷乃', furigana: 'たかはし　よしの', birthDate: '2019-05-01' };

async function enterPin(resident: Page, pin: string): Promise<void> {
  await resident.getByRole('heading', { name: /暗証番号/ }).waitFor();
  for (const digit of pin) await resident.getByRole('button', { name: `数字 ${digit}`, exact: true }).click();
  await resident.getByRole('button', { name: '決定' }).click();
}

async function signIn(page: Page, who: { staffId: string; password: string }): Promise<void> {
  await page.getByLabel('職員ID').fill(who.staffId);
  await page.getByLabel('パスワード').fill(who.password);
  // No 窓口番号 field: the counter is the machine's configuration (the harness's counter 3).
  expect(await page.getByLabel('窓口番号').count()).toBe(0);
  await page.getByRole('button', { name: 'サインイン' }).click();
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe('counter walk-through (real pcscd, SQLite, CUPS-PDF, Chromium)', () => {
  let h: Harness;
  let staff: Page;
  let resident: Page;
  let supervisor: Page;
  let card: InsertedCard | null = null;
  const measurements: Record<string, number> = {};

  beforeAll(async () => {
    h = await startHarness();
    staff = (await h.open('staff')).page;
    resident = (await h.open('resident', { width: 1080, height: 1400 })).page;
    supervisor = (await h.open('supervisor')).page;
  });

  afterAll(async () => {
    await card?.pull().catch(() => undefined);
    await h?.close();
    if (Object.keys(measurements).length > 0) {
      console.log(`[e2e measurements] ${JSON.stringify(measurements)}`);
      mkdirSync(join(ROOT, 'test-output'), { recursive: true });
      writeFileSync(join(ROOT, 'test-output/e2e-measurements.json'), `${JSON.stringify(measurements, null, 2)}\n`);
    }
  });

  it('serves a 3-person 転入 from card to ticket', async () => {
    await staff.getByRole('heading', { name: '職員サインイン' }).waitFor();
    await expectNoAxeViolations(staff, 'staff sign-in');
    await screenshot(staff, 'staff-00-sign-in');
    await signIn(staff, STAFF);
    await staff.getByRole('button', { name: '新しい受付を始める' }).click();
    await expectContains(staff.getByTestId('status-printer'), '準備完了');
    await expectNoAxeViolations(staff, 'staff card step');
    await screenshot(staff, 'staff-01-card');
    await expectNoAxeViolations(resident, 'resident welcome');
    await screenshot(resident, 'resident-00-welcome-ja');

    // First card; one wrong PIN, then the right one, typed on the resident's screen.
    card = await insertCard(h.cardService.readers, cardFromFixture(HEAD), SLOT);
    await expect.poll(() => staff.getByTestId('status-reader').getAttribute('data-state')).toBe('card-present');
    await staff.getByRole('button', { name: /カードを読む/ }).click();
    await staff.getByText('住民の方が住民用画面で暗証番号を入力しています。').waitFor();
    await expectText(staff.getByTestId('staff-retries'), '残り回数：3 回');
    await expectNoAxeViolations(resident, 'resident PIN pad');
    await screenshot(resident, 'resident-01-pin-ja');
    await enterPin(resident, '0000');
    await resident.getByText('暗証番号が違います。もう一度入力してください。').waitFor();
    await resident.getByText('あと 2 回まで入力できます').waitFor();
    await expectText(staff.getByTestId('staff-retries'), '残り回数：2 回');
    await screenshot(resident, 'resident-02-pin-wrong-ja');
    await screenshot(staff, 'staff-02-pin-wrong');
    // The PIN is never shown to staff, not even as typed digits.
    expect(await staff.content()).not.toContain(HEAD.pin);
    await enterPin(resident, HEAD.pin);
    await staff.getByRole('heading', { name: '世帯員' }).waitFor();
    const cardReadAt = performance.now();
    await expectContains(staff.getByTestId('member-m1'), '髙橋　健太郎');

    // Second card (another adult).
    await card.pull();
    card = await insertCard(h.cardService.readers, cardFromFixture(PARTNER), SLOT);
    await staff.getByRole('button', { name: '別のカードを読む' }).first().click();
    await staff.getByRole('button', { name: '別のカードを読む' }).first().click();
    // This time by keyboard alone: digits and Enter.
    await resident.locator('.pin-pad').waitFor();
    await resident.keyboard.type(PARTNER.pin);
    await expectText(resident.locator('.pin-dots .visually-hidden'), '4 / 4 桁入力済み');
    await resident.keyboard.press('Enter');
    await staff.getByTestId('member-m2').waitFor();
    await expectContains(staff.getByTestId('member-m2'), '山﨑　美咲');

    // フリガナ, 続柄 and a child without a card, by hand.
    await staff.getByLabel('フリガナ').nth(0).fill('タカハシ　ケンタロウ');
    await staff.getByRole('button', { name: '保存' }).nth(0).click();
    await staff.getByLabel('フリガナ').nth(1).fill('ヤマザキ　ミサキ');
    await staff.getByLabel('続柄').nth(1).fill('同居人');
    await staff.getByRole('button', { name: '保存' }).nth(1).click();
    await expectContains(staff.getByTestId('member-m2'), 'ヤマザキ');
    await staff.getByRole('button', { name: 'カードのない方を手入力で追加' }).click();
    const form = staff.locator('form.add-member');
    await form.getByLabel('氏名').fill(CHILD.name);
    await form.getByLabel('フリガナ').fill(CHILD.furigana);
    await form.getByLabel('生年月日').fill(CHILD.birthDate);
    await form.getByLabel('性別').selectOption('female');
    await form.getByLabel('続柄').fill('子');
    await form.getByRole('button', { name: '世帯員を追加' }).click();
    await staff.getByTestId('member-m3').waitFor();
    // The typed hiragana reading is offered as katakana; staff accept it with one press.
    await staff
      .getByTestId('member-m3')
      .getByRole('button', { name: /候補を使う/ })
      .click();
    await expectContains(staff.getByTestId('member-m3'), 'タカハシ　ヨシノ');
    await expectNoAxeViolations(staff, 'staff members');
    await screenshot(staff, 'staff-03-members');
    await expectNoAxeViolations(resident, 'resident confirm');
    await screenshot(resident, 'resident-03-confirm-ja');
    await expectContains(resident.locator('ruby').first(), 'タカハシ');

    // Move details: the postal code fills the address.
    await staff.getByRole('button', { name: '次へ' }).click();
    // The postal code fills the address as its 7th digit is typed: no button to press.
    await staff.getByLabel('郵便番号（新住所）').fill('060-0042');
    // The move date has no default: staff type it.
    await expectValue(staff.getByLabel('異動日'), '');
    await staff.getByLabel('異動日').fill(officeDay(Date.now()));
    await expectValue(staff.getByLabel('新しい住所'), /北海道札幌市中央区大通西/);
    const address = staff.getByLabel('新しい住所');
    await address.fill(`${await address.inputValue()}１０丁目４番地`);
    await staff.getByLabel('方書（建物名・階）').fill('大通グランドレジデンス');
    await staff.getByLabel('部屋番号', { exact: true }).fill('１２０３号室');
    // 届出日 defaults to the office's today (JST), not the UTC date.
    await expectValue(staff.getByLabel('届出日'), officeDay(Date.now()));
    await staff.getByLabel('前住所の郵便番号').fill('143-0023');
    await expectValue(staff.getByLabel('前住所（カードの住所を入れてあります）'), HEAD.resident.address);
    await staff.getByLabel('電話番号').fill('011-555-0123');
    await expectNoAxeViolations(staff, 'staff move');
    await screenshot(staff, 'staff-04-move');
    await staff.getByRole('button', { name: '保存して手続きへ' }).click();

    // Procedures: answer the questions, see the forms and the reason for each.
    await staff.getByRole('heading', { name: '手続きの確認' }).waitFor();
    // The checkboxes reflect main's state, so wait for the round trip after each click.
    for (const label of ['髙橋　健太郎：国民健康保険に加入している', '髙橋　𠮷乃：児童手当の対象の子']) {
      await staff.getByLabel(label).click();
      await expect.poll(() => staff.getByLabel(label).isChecked()).toBe(true);
    }
    // The 国保 form is listed (the notice's insurance select also says 国民健康保険, in an <option>).
    await staff.getByTestId('form-kokuho-ido').waitFor();
    const formItems = staff.locator('.form-list li');
    expect(await formItems.count()).toBeGreaterThan(2);
    // Going against a rule asks for the reason for that form only; there are no empty reason boxes.
    expect(await staff.locator('.reason-prompt').count()).toBe(0);
    const kokuho = staff.getByTestId('form-kokuho-ido');
    await kokuho.getByRole('checkbox').uncheck();
    await kokuho.getByLabel('この帳票を除外する理由（記録されます）').fill('社会保険に加入済み（本人申告）');
    await kokuho.getByRole('button', { name: '理由を記録して変更' }).click();
    await expectContains(kokuho, '職員判断');
    await kokuho.getByRole('checkbox').check();
    await kokuho.getByLabel('この帳票を追加する理由（記録されます）').press('Escape');
    expect(await kokuho.getByRole('checkbox').isChecked()).toBe(false);
    await kokuho.getByRole('checkbox').check();
    await kokuho.getByLabel('この帳票を追加する理由（記録されます）').fill('本人が国保の継続を希望');
    await kokuho.getByRole('button', { name: '理由を記録して変更' }).click();
    await expect.poll(() => kokuho.getByRole('checkbox').isChecked()).toBe(true);
    expect(await staff.locator('.reason-prompt').count()).toBe(0);
    await expectNoAxeViolations(staff, 'staff procedures');
    await screenshot(staff, 'staff-05-procedures');

    // Preview every filled form.
    const previewClickedAt = performance.now();
    await staff.getByRole('button', { name: 'プレビューを作成' }).click();
    await staff.getByRole('heading', { name: '帳票のプレビュー' }).waitFor();
    await staff.getByRole('button', { name: '印刷する' }).waitFor();
    const images = staff.getByTestId('preview-image');
    const expectedPages = await staff.locator('.preview-page').count();
    await expect.poll(() => images.count(), { timeout: 30_000 }).toBe(expectedPages);
    await staff.waitForFunction(() =>
      [...document.querySelectorAll('img[data-testid="preview-image"]')].every(
        (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
      ),
    );
    // Wall clock from the first card read completing to every preview page
    // displayed, including the scripted staff input in between; and the part after staff press
    // 「プレビューを作成」 (render every form, rasterise every page, show them).
    measurements.cardReadToPreviewReadyMs = Math.round(performance.now() - cardReadAt);
    measurements.previewClickToReadyMs = Math.round(performance.now() - previewClickedAt);
    const view = await h.services.session.view();
    measurements.serverCardReadToPreviewMs = view.previewMs ?? -1;
    measurements.previewPages = expectedPages;
    await expectNoAxeViolations(staff, 'staff preview');
    await screenshot(staff, 'staff-06-preview');
    // Not printed yet: the resident still checks the data, and is not told to sign.
    expect(await resident.locator('.sign-guide').count()).toBe(0);

    // Staff can still go back and correct something before printing.
    await staff
      .getByRole('button', { name: /世帯員/ })
      .first()
      .click();
    await staff.getByRole('heading', { name: '世帯員' }).waitFor();
    await staff
      .getByRole('button', { name: /プレビュー/ })
      .first()
      .click();
    await staff.getByRole('heading', { name: '帳票のプレビュー' }).waitFor();

    // Print: the PDF arrives in the CUPS-PDF output.
    const before = cupsOutputs();
    const totalPages = (await h.services.session.view()).preview?.forms.reduce((n, f) => n + f.pageCount, 0) ?? 0;
    await staff.getByRole('button', { name: '印刷する' }).click();
    await staff.getByRole('heading', { name: '印刷' }).waitFor();
    await expectText(staff.getByTestId('job-state').first(), '✓ 完了', 30_000);
    // On paper: now the resident is shown where to sign.
    await resident.getByText('✎ ご署名ください').first().waitFor();
    await expectNoAxeViolations(resident, 'resident sign guidance');
    await screenshot(resident, 'resident-04-sign-ja');
    await expect.poll(() => [...cupsOutputs().keys()].filter((f) => !before.has(f)).length, { timeout: 30_000 }).toBe(1);
    const printed = [...cupsOutputs().keys()].find((f) => !before.has(f));
    const info = execFileSync('pdfinfo', [join(CUPS_PDF_OUT, printed ?? '')], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(totalPages);
    // Jobs are listed by what they are, with every form and its page count.
    await expectContains(
      staff.locator('table'),
      `帳票一式（${(await h.services.session.view()).preview?.forms.length}様式・${totalPages}ページ）`,
    );
    await expectContains(staff.locator('.print-contents'), 'ページ）');
    await screenshot(staff, 'staff-07-print');
    // A person asks for another copy: a new job of its own, after a confirmation, audited.
    const beforeReprint = cupsOutputs();
    await staff.getByRole('button', { name: 'もう一部印刷する' }).click();
    await staff.getByRole('button', { name: '印刷する', exact: true }).click();
    await expect.poll(() => [...cupsOutputs().keys()].filter((f) => !beforeReprint.has(f)).length, { timeout: 30_000 }).toBe(1);
    expect(h.services.audit.entries().at(-1)).toMatchObject({ action: 'reprint-sent' });
    // A spoiled page of one form: that form alone prints again, as a job of its own, audited with its id.
    const juminIdo = (await h.services.session.view()).preview?.forms.find((f) => f.id === 'jumin-ido');
    expect(juminIdo?.title).toBe('住民異動届');
    const juminLine = staff.locator('.print-contents li[data-form="jumin-ido"]');
    const otherLine = staff.locator('.print-contents li:not([data-form="jumin-ido"])').first();
    // Only the set's jobs so far: each form line shows the set's state.
    await expectText(juminLine.getByTestId('form-state'), /✓ 完了/, 30_000);
    const beforeFormReprint = cupsOutputs();
    await juminLine.getByRole('button', { name: 'この様式を再印刷（住民異動届）' }).click();
    await juminLine.getByRole('button', { name: '印刷する', exact: true }).click();
    // Its own row in the job table; its line follows that job, the others still the set's.
    const formRow = staff.locator('table tr', { hasText: '住民異動届・再印刷' });
    await expectText(formRow.getByTestId('job-state'), '✓ 完了', 30_000);
    expect(h.services.audit.entries().at(-1)).toMatchObject({ action: 'reprint-sent', detail: 'jumin-ido' });
    // On paper, that form's pages only (CUPS-PDF writes the file as the job completes).
    const newOutputs = () => [...cupsOutputs()].filter(([f, size]) => !beforeFormReprint.has(f) && size > 0);
    await expect.poll(() => newOutputs().length, { timeout: 30_000 }).toBe(1);
    const pagesOf = () => {
      try {
        const info = execFileSync('pdfinfo', [join(CUPS_PDF_OUT, newOutputs()[0]![0])], { encoding: 'utf8', stdio: 'pipe' });
        return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      } catch {
        return null; // still being written
      }
    };
    await expect.poll(pagesOf, { timeout: 30_000 }).toBe(juminIdo?.pageCount);
    await expect.poll(() => juminLine.getAttribute('data-state'), { timeout: 30_000 }).toBe('completed');
    expect(await otherLine.getAttribute('data-state')).toBe('completed');
    expect(await staff.locator('table tr').count()).toBe(3);

    // Back at the preview (the stepper allows it), 印刷する is off: another copy is a reprint, never a silent second print.
    const stepper = staff.getByRole('navigation', { name: '手続きの段階' });
    await stepper.getByRole('button', { name: /プレビュー/ }).click();
    await expectContains(staff.locator('main'), '「再印刷」を使ってください');
    expect(await staff.getByRole('button', { name: /^印刷する/ }).isDisabled()).toBe(true);
    await stepper.getByRole('button', { name: /印刷/ }).last().click();
    await staff.getByRole('button', { name: /番号札を発行/ }).waitFor();

    // Ticket, and the 受付票 the resident takes away (the screen is wiped when the card is taken).
    const beforeReceipt = cupsOutputs();
    await staff.getByRole('button', { name: '番号札を発行' }).click();
    await expectText(staff.getByTestId('staff-ticket'), /^A-\d{3}$/);
    const ticket = (await staff.getByTestId('staff-ticket').textContent()) ?? '';
    await expectText(resident.getByTestId('resident-ticket'), ticket);
    await expectContains(resident.getByTestId('resident-receipt'), '受付票（控え）をお受け取りください', 30_000);
    await expect.poll(() => [...cupsOutputs().keys()].filter((f) => !beforeReceipt.has(f)).length, { timeout: 30_000 }).toBe(1);
    const receiptFile = [...cupsOutputs().keys()].find((f) => !beforeReceipt.has(f)) ?? '';
    const receiptDir = mkdtempSync(join(tmpdir(), 'kiosk-receipt-'));
    // CUPS-PDF re-renders the page (no text layer survives): read it back as a clerk would, by OCR.
    expect(execFileSync('pdfinfo', [join(CUPS_PDF_OUT, receiptFile)], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(CUPS_PDF_OUT, receiptFile), join(receiptDir, 'receipt')]);
    const receiptText = execFileSync('tesseract', [join(receiptDir, 'receipt.png'), '-', '-l', 'jpn'], { encoding: 'utf8' }).replace(
      /\s/g,
      '',
    );
    for (const expected of ['受付番号', 'お待ちいただく場所', '住民異動届']) expect(receiptText).toContain(expected);
    for (const secret of ['健太郎', '大通', 'タカハシ']) expect(receiptText).not.toContain(secret);
    rmSync(receiptDir, { recursive: true, force: true });
    await expectNoAxeViolations(staff, 'staff ticket');
    await screenshot(staff, 'staff-08-ticket');
    await expectNoAxeViolations(resident, 'resident done');
    await screenshot(resident, 'resident-05-done-ja');

    // The supervisor dashboard shows it waiting, live…
    await signIn(supervisor, SUPERVISOR);
    const row = supervisor.getByTestId('queue-table').locator(`tr[data-ticket="${ticket}"]`);
    await row.waitFor();
    await expectText(supervisor.getByTestId('kpi-waiting'), '1');
    await expectNoAxeViolations(supervisor, 'supervisor dashboard');
    await screenshot(supervisor, 'supervisor-01-waiting');
    // …and, once served and completed, its wait time.
    await row.getByRole('button', { name: '対応開始' }).click();
    await expectText(supervisor.getByTestId('kpi-in-service'), '1');
    await supervisor.getByTestId('queue-table').locator(`tr[data-ticket="${ticket}"]`).getByRole('button', { name: '完了' }).click();
    const done = supervisor.getByTestId('recent-table').locator(`tr[data-ticket="${ticket}"]`);
    await done.waitFor();
    await expectText(done.getByTestId('recent-wait'), /^\d+\.\d 分$/);
    await expectText(supervisor.getByTestId('kpi-waiting'), '0');
    // Today's row: one arrival, its wait measured.
    await expectText(supervisor.getByTestId('period-table').locator('tbody tr').first().locator('td').first(), '1');
    await screenshot(supervisor, 'supervisor-02-completed');
    const download = supervisor.waitForEvent('download');
    await supervisor.getByRole('button', { name: 'CSVを書き出す' }).click();
    const csvPath = await (await download).path();
    const csv = execFileSync('cat', [csvPath], { encoding: 'utf8' });
    expect(csv).toContain('kind,key,count,wait_median_s');
    expect(csv).toContain('転入');
    expect(csv).not.toContain('髙橋');

    // The audit log has the story without any personal data.
    const audit = h.services.audit.entries();
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'sign-in',
        'card-read-failed',
        'card-read',
        'member-added',
        'request-created',
        'print-sent',
        'ticket-issued',
        'queue-advanced',
      ]),
    );
    // Request references are random UUIDs: one may contain a PIN's four digits by chance (…9f4721…).
    const auditText = JSON.stringify(audit).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
    for (const secret of ['髙橋', '山﨑', '𠮷乃', HEAD.pin, PARTNER.pin, '大通']) expect(auditText).not.toContain(secret);

    // Pulling the card after completion wipes both screens.
    await card.pull();
    card = null;
    await staff.getByRole('button', { name: '新しい受付を始める' }).waitFor();
    await resident.getByRole('heading', { name: 'いらっしゃいませ' }).waitFor();
    for (const page of [staff, resident]) {
      const html = await page.content();
      for (const secret of ['髙橋', '山﨑', '𠮷乃', 'タカハシ', '大通', ticket]) expect(html).not.toContain(secret);
    }
    const audit2 = h.services.audit.entries().at(-1);
    expect(audit2).toMatchObject({ action: 'session-ended', detail: 'card-removed' });
  });
});
