// Every resident-screen phase in every language: axe-core finds no violation, the text is
// translated (no Japanese UI string left on a foreign-language screen), touch targets are at
// least 44 px, and a screenshot of each is saved for review. Staff actions are driven through
// the same services the staff console calls, to keep the run short.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cardFromFixture, findFixture } from '../../devices/card/virtual/fixtures.ts';
import { insertCard, type InsertedCard } from '../support/card-vpcd.ts';
import { languages } from '../../renderer/src/i18n/index.ts';
import { axeViolations, screenshot, SLOT, startHarness, STAFF, type Harness } from './support/harness.ts';

const fixture = findFixture('hasegawa-long-address');
if (!fixture) throw new Error('fixture missing');

/** UI strings only: the resident's own (Japanese) data is excluded by the data-free selectors. */
async function uiText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll('.resident-members, .big-address, [lang="ja"], .sign-guide li, .language-switch')) el.remove();
    return clone.innerText;
  });
}

/** A language button by its exact label (the chosen one is prefixed ✓; 日本語 is inside やさしい日本語). */
const languageButton = (label: string): RegExp => new RegExp(`^(✓ )?${label}$`);

async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, input, select')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.width < 44 || r.height < 44) && !(el as HTMLInputElement).type?.match(/checkbox|radio/);
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
}

describe('resident screen in every language (axe, screenshots)', () => {
  let h: Harness;
  let resident: Page;
  let card: InsertedCard | null = null;

  beforeAll(async () => {
    h = await startHarness();
    resident = (await h.open('resident', { width: 1080, height: 1400 })).page;
    h.services.staff.signIn('staff', { staffId: STAFF.staffId, role: STAFF.role, counter: '2' });
  });

  afterAll(async () => {
    await card?.pull().catch(() => undefined);
    await h?.close();
  });

  async function eachLanguage(phase: string): Promise<void> {
    for (const { code, label } of languages) {
      await resident.getByRole('button', { name: languageButton(label) }).click();
      await expect.poll(() => resident.evaluate(() => document.documentElement.lang)).toBe(code);
      const violations = await axeViolations(resident);
      expect(violations, `${phase}/${code}: ${JSON.stringify(violations)}`).toEqual([]);
      expect(await smallTargets(resident), `${phase}/${code}`).toEqual([]);
      if (!code.startsWith('ja')) {
        // No Japanese kana left in the UI text of a translated screen (the sign mark is quoted on purpose).
        const text = (await uiText(resident)).replaceAll('ご署名ください', '');
        expect(text, `${phase}/${code}`).not.toMatch(/[\u3040-\u309f\u30a0-\u30ff]/);
      }
      await screenshot(resident, `lang-${phase}-${code}`);
    }
    await resident.getByRole('button', { name: languageButton('日本語') }).click();
  }

  it('welcome, PIN pad, confirmation, sign guidance and ticket', async () => {
    const session = h.services.session;
    await resident.getByRole('heading', { name: 'いらっしゃいませ' }).waitFor();
    await eachLanguage('welcome');

    session.start();
    card = await insertCard(h.cardService.readers, cardFromFixture(fixture), SLOT);
    await session.readCard('pin');
    await resident.locator('.pin-pad').waitFor();
    await eachLanguage('pin');
    // 決定 and やめる, すべて消す and 1文字消す are at least as large as the text around them.
    const sizes = await resident.evaluate(() => ({
      body: parseFloat(getComputedStyle(document.body).fontSize),
      actions: [...document.querySelectorAll('.pin-actions button, .pin-key-small')].map((b) => parseFloat(getComputedStyle(b).fontSize)),
    }));
    expect(sizes.actions).toHaveLength(4);
    for (const size of sizes.actions) expect(size).toBeGreaterThanOrEqual(sizes.body);

    for (const digit of fixture.pin) await resident.getByRole('button', { name: `数字 ${digit}`, exact: true }).click();
    await resident.getByRole('button', { name: '決定' }).click();
    await resident.locator('.resident-members').waitFor();
    const member = (await session.view()).members[0];
    if (!member) throw new Error('no member read');
    session.updateMember(member.id, { furigana: 'ハセガワ　マユミ' });
    session.setMove({
      kind: 'tenkyo',
      moveDate: '2026-11-20',
      postalCode: '064-0801',
      address: '北海道札幌市中央区南一条西二十丁目２番地',
      building: 'ノースヒルズ円山　８０２号室',
      previousPostalCode: '060-0001',
      previousAddress: fixture.resident.address,
      phone: '011-555-0199',
    });
    await resident.getByText('ノースヒルズ円山', { exact: false }).waitFor();
    await eachLanguage('confirm');
    // What the resident confirms is what prints: 旧住所 → 新住所, the move's date and kind, sex, and
    // dates as 和暦（西暦）.
    const confirmText = await resident.evaluate(() => document.body.innerText);
    for (const expected of [
      '旧住所',
      '新住所',
      '異動日',
      '転居（市内で引っ越し）',
      '令和8年11月20日（2026年）',
      '性別',
      // What to do after checking is written, with the button's own label.
      '正しければ、そのままお待ちください。違うところがあれば「訂正が必要です」を押してください。',
    ])
      expect(confirmText).toContain(expected);
    expect(confirmText).toMatch(/(昭和|平成|令和)(\d+|元)年\d+月\d+日（\d{4}年）/);
    expect(await resident.getByTestId('resident-new-address').textContent()).toContain('ノースヒルズ円山　８０２号室');
    // The phone number the forms print, under its label.
    expect(await resident.getByTestId('resident-phone').textContent()).toBe('011-555-0199');
    expect(confirmText).toContain('電話番号（日中の連絡先）');
    // 「訂正が必要です」 tells staff which section the resident questioned.
    await resident.getByRole('button', { name: '⚠ 訂正が必要です' }).click();
    await resident.getByRole('button', { name: '住所', exact: true }).click();
    await resident.getByTestId('correction-sent').waitFor();
    expect((await session.view()).correction).toBe('address');
    expect(h.services.audit.entries().at(-1)).toMatchObject({ action: 'correction-requested', detail: 'address' });
    await eachLanguage('correction');
    session.clearCorrection();
    await resident.getByRole('button', { name: '⚠ 訂正が必要です' }).waitFor();

    await session.renderPreview();
    // Rendered, not printed: still the data to check, no signing guidance yet.
    await resident.getByRole('button', { name: '⚠ 訂正が必要です' }).waitFor();
    expect(await resident.locator('.sign-guide').count()).toBe(0);

    await session.print();
    // The ticket waits for the print job (CUPS-PDF) to complete; the signing guidance too.
    await expect.poll(async () => (await session.view()).printJobs.map((j) => j.state), { timeout: 30_000 }).toEqual(['completed']);
    await resident.locator('.sign-guide').waitFor();
    // What to do once signed is written, not only said by staff; each form names who signs it.
    expect(await resident.locator('.sign-guide').innerText()).toContain('署名が終わったら、書類を職員にお渡しください。');
    const signForms = session.residentView().signForms;
    expect(signForms.length).toBeGreaterThan(0);
    for (const form of signForms) {
      const line = await resident.getByTestId(`sign-form-${form.formId}`).innerText();
      expect(line, form.formId).toContain(`${fixture.resident.name} さん`);
    }
    await eachLanguage('sign');

    await session.issueTicket();
    await resident.getByTestId('resident-ticket').waitFor();
    await eachLanguage('done');

    // Idle countdown dialog, in Japanese (its own test checks that it wipes).
    session.end('completed');
    await resident.getByRole('heading', { name: 'いらっしゃいませ' }).waitFor();
  });
});
