// A keyboard-only visit: a 4-person 転入 (two My Number cards through the real pcscd + vpcd, two
// children added by hand), from 「新しい受付を始める」 to the ticket, without a single click on the
// staff console. Every key press is counted (Tab, Enter, Space, arrows and the Alt shortcuts as
// one each; typed text by its characters, as the IME commits them) and printed; the resident types
// the PINs on their own screen, counted apart.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { officeDay } from '../../domain/office-time.ts';
import { cardFromFixture, findFixture, type CardFixture } from '../../devices/card/virtual/fixtures.ts';
import { insertCard, type InsertedCard } from '../support/card-vpcd.ts';
import { expectContains, expectText } from './support/expect-page.ts';
import { screenshot, SLOT, startHarness, STAFF, type Harness } from './support/harness.ts';

function fixture(id: string): CardFixture {
  const f = findFixture(id);
  if (!f) throw new Error(`missing fixture ${id}`);
  return f;
}
const HEAD = fixture('takahashi-showa64');
const PARTNER = fixture('yamazaki-heisei1');

/** Key presses on one page: commands (Tab, Enter, Alt+N, …) and typed characters, counted apart. */
class Keys {
  commands = 0;
  characters = 0;
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }
  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      await this.page.keyboard.press(key);
      this.commands++;
    }
  }
  /** ASCII typed key by key (digits of a date or postal code). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    this.characters += [...text].length;
  }
  /** Japanese as the IME commits it (a real IME needs more presses: counted as one per character). */
  async ime(text: string): Promise<void> {
    await this.page.keyboard.insertText(text);
    this.characters += [...text].length;
  }
  /** Tab (counted) until the focused element matches the selector: what a keyboard user does. */
  async tabTo(selector: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      if (await this.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      await this.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  }
  get total(): number {
    return this.commands + this.characters;
  }
}

describe('keyboard-only 転入 of four (two cards, two by hand)', () => {
  let h: Harness;
  let staff: Page;
  let resident: Page;
  let card: InsertedCard | null = null;

  beforeAll(async () => {
    h = await startHarness();
    h.services.staff.signIn('staff', { staffId: STAFF.staffId, role: STAFF.role, counter: '5' });
    staff = (await h.open('staff')).page;
    resident = (await h.open('resident', { width: 1080, height: 1400 })).page;
  });

  afterAll(async () => {
    await card?.pull().catch(() => undefined);
    await h?.close();
  });

  const heading = (name: string) => staff.getByRole('heading', { name, exact: true }).waitFor();
  const focusedIsHeading = () => staff.evaluate(() => document.activeElement?.tagName === 'H2');

  async function residentTypesPin(pin: string, keys: Keys): Promise<void> {
    await resident.locator('.pin-pad').waitFor();
    await keys.type(pin);
    await keys.press('Enter');
  }

  it('finishes the visit with the ticket issued, by keyboard alone', async () => {
    onTestFailed(async () => {
      await staff.screenshot({ path: '/tmp/shots-console/keyboard-failure.png', fullPage: true }).catch(() => undefined);
    });
    const keys = new Keys(staff);
    const residentKeys = new Keys(resident);
    await staff.getByRole('button', { name: '新しい受付を始める' }).waitFor();

    // Start the visit.
    await keys.tabTo('button.primary.big');
    await keys.press('Enter');
    await heading('マイナンバーカードの読み取り');
    expect(await focusedIsHeading()).toBe(true);

    // First card: Alt+R reads it, the resident types the PIN on their screen.
    card = await insertCard(h.cardService.readers, cardFromFixture(HEAD), SLOT);
    await expect.poll(() => staff.getByTestId('status-reader').getAttribute('data-state')).toBe('card-present');
    await keys.press('Alt+R');
    await residentTypesPin(HEAD.pin, residentKeys);
    await heading('世帯員');
    await staff.getByTestId('member-m1').waitFor();
    expect(await focusedIsHeading()).toBe(true);
    await keys.tabTo('#furigana-m1');
    await keys.ime('タカハシ　ケンタロウ');

    // Second card: Alt+R back to the card step, Alt+R to read.
    await card.pull();
    card = await insertCard(h.cardService.readers, cardFromFixture(PARTNER), SLOT);
    await keys.press('Alt+R'); // the フリガナ saves as it loses focus
    await staff.getByRole('button', { name: /別のカードを読む/ }).waitFor();
    await expect.poll(() => staff.getByTestId('status-reader').getAttribute('data-state')).toBe('card-present');
    await keys.press('Alt+R');
    await residentTypesPin(PARTNER.pin, residentKeys);
    await staff.getByTestId('member-m2').waitFor();
    await keys.tabTo('#furigana-m2');
    await keys.ime('ヤマザキ　ミサキ');
    await keys.tabTo('#relationship-m2');
    await keys.ime('妻');

    // Two children by hand: Alt+A opens the form with the name field focused; Enter adds.
    const children = [
      { name: '髙橋　𠮷乃', furigana: 'タカハシ　ヨシノ', birth: 'R1.5.1', boy: false },
      { name: '髙橋　大翔', furigana: 'タカハシ　ヒロト', birth: 'H30.6.10', boy: true },
    ];
    for (const [i, c] of children.entries()) {
      await keys.press('Alt+A');
      await staff.locator('form.add-member input[name="name"]:focus').waitFor();
      await keys.ime(c.name);
      await keys.press('Tab');
      await keys.ime(c.furigana);
      await keys.press('Tab');
      await keys.type(c.birth); // 和暦 as staff say it
      await keys.tabTo('form.add-member select[name="sex"]');
      if (c.boy) await keys.press('ArrowUp'); // 男 is listed before 女
      await keys.press('Tab'); // 続柄: 子 already
      await keys.press('Enter');
      await staff.getByTestId(`member-m${3 + i}`).waitFor();
    }
    const view = await h.services.session.view();
    expect(view.members.map((m) => [m.furigana, m.relationship, m.sex])).toEqual([
      ['タカハシ　ケンタロウ', '世帯主', 'male'],
      ['ヤマザキ　ミサキ', '妻', 'female'],
      ['タカハシ　ヨシノ', '子', 'female'],
      ['タカハシ　ヒロト', '子', 'male'],
    ]);

    // The move: date, new address by postal code (filled as typed), block number, 方書, room, previous code.
    await keys.press('Alt+N');
    await heading('異動の内容');
    expect(await focusedIsHeading()).toBe(true);
    await keys.tabTo('input[name="moveDate"]');
    // Debian's Chromium runs with an en-US UI locale here, so the field reads mm/dd/yyyy (Electron on a
    // Japanese Windows shows yyyy/mm/dd): the same eight digits either way.
    const [year, month, day] = officeDay(Date.now()).split('-');
    await keys.type(`${month}${day}${year}`);
    await expect.poll(() => staff.locator('input[name="moveDate"]').inputValue()).toBe(officeDay(Date.now()));
    // Shown as the forms print it, whatever order the field itself uses.
    await expectContains(staff.getByTestId('move-date-wareki'), `令和`);
    await keys.tabTo('input[name="newPostalCode"]');
    await keys.type('0600042');
    await expect.poll(() => staff.locator('input[name="address"]').inputValue()).toBe('北海道札幌市中央区大通西');
    await keys.tabTo('input[name="address"]');
    await keys.press('End');
    await keys.ime('十丁目４番地');
    await keys.press('Tab');
    await keys.ime('大通グランドレジデンス');
    await keys.press('Tab');
    await keys.ime('１２０３号室');
    await keys.tabTo('input[name="previousPostalCode"]');
    await keys.type('1430023');
    await expectText(staff.getByTestId('previous-printed-address'), `印刷される住所：${HEAD.resident.address}`);
    await keys.press('Alt+N');

    // Procedures: the two children's 児童手当 questions, then Alt+N renders the preview.
    await heading('手続きの確認');
    expect(await focusedIsHeading()).toBe(true);
    for (const id of ['m3', 'm4']) {
      await keys.tabTo(`input[name="fact-${id}:childAllowance"]`);
      await keys.press('Space');
      await expect.poll(() => staff.locator(`input[name="fact-${id}:childAllowance"]`).isChecked()).toBe(true);
    }
    // What needs no form and what is left to do elsewhere is on the step too (the 受付票's list).
    await expectContains(staff.getByTestId('checklist'), '学校');
    await screenshot(staff, 'keyboard-procedures');
    await keys.press('Alt+N');
    await heading('帳票のプレビュー');
    await staff.locator('button[data-shortcut="print"]').waitFor({ timeout: 30_000 });
    // Alt+B, shown on the button, goes back a step (something to check again before printing); Alt+N returns.
    await expectContains(staff.locator('button[data-shortcut="back"]'), '戻る Alt+B');
    await keys.press('Alt+B');
    await heading('手続きの確認');
    expect(await focusedIsHeading()).toBe(true);
    await keys.press('Alt+N');
    await heading('帳票のプレビュー');
    await staff.locator('button[data-shortcut="print"]').waitFor({ timeout: 30_000 });
    await keys.press('Alt+P');
    await heading('印刷');
    await expect.poll(() => staff.locator('button[data-shortcut="next"]').isEnabled(), { timeout: 30_000 }).toBe(true);
    await keys.press('Alt+N');

    // The visit finished: the ticket is issued and the resident sees the same number.
    await expectText(staff.getByTestId('staff-ticket'), /^A-\d{3}$/, 30_000);
    const ticket = (await staff.getByTestId('staff-ticket').textContent()) ?? '';
    await expectText(resident.getByTestId('resident-ticket'), ticket);
    expect((await h.services.session.view()).ticket?.issued).toBe(true);
    await screenshot(staff, 'keyboard-ticket');
    console.log(
      `[keyboard walk-through] staff: ${keys.total} key presses (${keys.commands} commands + ${keys.characters} characters typed); ` +
        `resident: ${residentKeys.total} (two PINs and Enter)`,
    );
  });
});
