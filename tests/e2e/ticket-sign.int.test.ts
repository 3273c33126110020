// The signing step and the ticket as a family sees them, on the built renderer in Chromium: each form's
// Japanese title with what it is in the resident's language, the wait as the 受付票's range on both
// screens, and one message about the card that follows the 受付票's print (held at a stopped printer,
// then printed). Also the 本籍・筆頭者 inputs of the members step. Screenshots of every language.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { languages, resources } from '../../renderer/src/i18n/index.ts';
import { axeViolations, PRINTER, screenshot, startHarness, type Harness } from './support/harness.ts';
import { expectContains } from './support/expect-page.ts';
import { pageText, signInStaff } from './support/visits.ts';

const languageButton = (label: string): RegExp => new RegExp(`^(✓ )?${label}$`);
/** What the screen shows for a string with {漢字|かんじ} markup, readings left out (innerText of <ruby> adds them). */
const plain = (text: string): string => text.replace(/\{([^|{}]+)\|[^|{}]+\}/g, '$1');
const squash = (text: string): string => text.replace(/\s+/g, '');

describe('signing step and ticket (wait range, one card message, form explanations)', { timeout: 180_000 }, () => {
  let h: Harness;
  let staff: Page;
  let resident: Page;

  beforeAll(async () => {
    h = await startHarness();
    staff = (await h.open('staff')).page;
    resident = (await h.open('resident', { width: 1080, height: 1400 })).page;
    signInStaff(h.services);
    await staff.reload();
  });

  afterAll(async () => {
    execFileSync('cupsenable', [PRINTER]);
    await h?.close();
  });

  /** Every language in turn on the resident screen; `check` sees the page in that language. */
  async function eachLanguage(name: string, check: (code: (typeof languages)[number]['code']) => Promise<void>): Promise<void> {
    for (const { code, label } of languages) {
      await resident.getByRole('button', { name: languageButton(label) }).click();
      await expect.poll(() => resident.evaluate(() => document.documentElement.lang)).toBe(code);
      await check(code);
      expect(await axeViolations(resident), `${name}/${code}`).toEqual([]);
      await screenshot(resident, `polish-${name}-${code}`);
    }
    await resident.getByRole('button', { name: languageButton('日本語') }).click();
  }

  it('from the members step to the card taken', async () => {
    const session = h.services.session;
    session.start();
    session.addMember({ name: '鈴木　健一', furigana: 'スズキ　ケンイチ', birthDate: '1985-07-12', sex: 'male', relationship: '世帯主' });
    session.addMember({ name: '鈴木　美穂', furigana: 'スズキ　ミホ', birthDate: '1987-11-03', sex: 'female', relationship: '妻' });
    session.addMember({ name: '鈴木　陽翔', furigana: 'スズキ　ハルト', birthDate: '2018-05-20', sex: 'male', relationship: '子' });

    await staff.reload();
    // 本籍・筆頭者 typed in the members step (the card holds neither); not offered for a foreign resident.
    const head = staff.getByTestId('member-m1');
    await head.getByText('本籍・筆頭者（任意', { exact: false }).click();
    await head.getByRole('textbox', { name: '本籍' }).fill('北海道札幌市豊平区平岸三条九丁目2番地');
    await head.getByRole('textbox', { name: '筆頭者氏名' }).fill('鈴木　健一');
    await head.getByRole('button', { name: '本籍・筆頭者を保存' }).click();
    await expect
      .poll(async () => (await session.view()).members[0]?.familyRegister)
      .toEqual({ domicile: '北海道札幌市豊平区平岸三条九丁目2番地', head: '鈴木　健一' });
    await head.getByText('保存済み', { exact: false }).waitFor();
    await staff.getByTestId('member-m2').getByLabel('外国人住民', { exact: true }).check();
    await expect(staff.getByTestId('member-m2').getByText('本籍・筆頭者（任意', { exact: false }).count()).resolves.toBe(0);
    await staff.getByTestId('member-m2').getByLabel('外国人住民', { exact: true }).uncheck();
    expect(await axeViolations(staff)).toEqual([]);
    await screenshot(staff, 'polish-staff-members-honseki');

    session.setMove({
      kind: 'tennyu',
      moveDate: '2026-11-16',
      postalCode: '062-0932',
      address: '北海道札幌市豊平区平岸二条七丁目１番地',
      building: 'ハイツ平岸',
      room: '205号室',
      previousPostalCode: '980-0811',
      previousAddress: '宮城県仙台市青葉区一番町四丁目６番１号',
      phone: '011-555-0123',
    });
    await session.renderPreview();
    // Not on paper yet: no signing guidance.
    await resident.getByRole('button', { name: '⚠ 訂正が必要です' }).waitFor();
    expect(await resident.locator('.sign-guide').count()).toBe(0);
    await session.print();
    await expect.poll(async () => (await session.view()).printJobs.map((j) => j.state), { timeout: 30_000 }).toEqual(['completed']);
    await resident.locator('.sign-guide').waitFor();
    const signForms = session.residentView().signForms;
    expect(signForms.length).toBeGreaterThan(1);
    // Who signs each form, as the forms engine resolved it: the 住民異動届 by the 届出人 (the 世帯主 here).
    expect(signForms.find((f) => f.formId === 'jumin-ido')?.signers).toEqual([{ name: '鈴木　健一', count: 1 }]);
    const family = ['鈴木　健一', '鈴木　美穂', '鈴木　陽翔'];
    for (const form of signForms) for (const signer of form.signers) expect(family, form.formId).toContain(signer.name);
    await eachLanguage('sign', async (code) => {
      const explanations = resources[code].translation.resident.sign.forms;
      for (const form of signForms) {
        const line = squash((await resident.getByTestId(`sign-form-${form.formId}`).textContent()) ?? '');
        // The Japanese title as on the paper, then what it is in the resident's language.
        expect(line, `${code}:${form.formId}`).toContain(squash(form.title));
        const explanation = explanations[form.formId];
        expect(explanation, `${code}:${form.formId}`).toBeTruthy();
        if (code !== 'ja-Hira') expect(line, `${code}:${form.formId}`).toContain(squash(explanation!));
        // Each line names who signs it, by the name as on the card.
        for (const signer of form.signers) expect(line, `${code}:${form.formId}`).toContain(squash(signer.name!));
        if (code === 'ja') expect(line, form.formId).toContain(squash(`${form.signers[0]!.name} さん`));
      }
      const text = await resident.locator('.sign-guide').innerText();
      expect(text, code).not.toMatch(/\(es\)/);
      if (code === 'en') expect(text).toMatch(/住民異動届\s*\(Notice of change of address\)\s*鈴木\s健一: 1 signature box\b/);
      if (code === 'ja') expect(text).toMatch(/住民異動届（住所が変わったことの届出）\s*鈴木\s健一 さん：署名欄 1 か所/);
    });

    // The 受付票 is held at the stopped printer: the card must stay, and both screens say only that.
    execFileSync('cupsdisable', [PRINTER]);
    try {
      await session.issueTicket();
      const ticket = (await session.view()).ticket!;
      expect(ticket.estimatedWait).not.toBeNull();
      const { low, high } = ticket.estimatedWait!;
      await expectContains(staff.getByTestId('staff-wait'), `約${low}〜${high}分`);
      await expectContains(staff.getByTestId('staff-card'), '控えの印刷が終わるまでカードはそのままにしてください');
      const ticketStep = await staff.locator('section[aria-labelledby="ticket-title"]').innerText();
      expect(ticketStep).not.toContain('カードをお取りください');
      expect(ticketStep).not.toContain('カードを抜くと');
      expect(ticketStep.match(/カード/g)).toHaveLength(1);
      await screenshot(staff, 'polish-staff-ticket-printing');
      await resident.getByTestId('resident-ticket').waitFor();
      await eachLanguage('done-printing', async (code) => {
        const done = resources[code].translation.resident.done;
        await expectContains(resident.getByTestId('resident-card'), code === 'ja-Hira' ? 'そのまま' : done.card.printing);
        const text = await pageText(resident);
        expect(text, code).not.toContain(plain(done.card.printed));
        expect(text, code).toMatch(new RegExp(`${low}\\s*[〜～~–]\\s*${high}`));
      });
    } finally {
      execFileSync('cupsenable', [PRINTER]);
    }
    // Printed: now, and only now, the card may be taken.
    await expectContains(staff.getByTestId('staff-receipt'), '受付票（控え）を印刷しました', 30_000);
    await expectContains(staff.getByTestId('staff-card'), 'カードをお取りください');
    expect(await staff.locator('section[aria-labelledby="ticket-title"]').innerText()).not.toContain('そのままにしてください');
    await screenshot(staff, 'polish-staff-ticket-printed');
    await eachLanguage('done-printed', async (code) => {
      const done = resources[code].translation.resident.done;
      await expectContains(resident.getByTestId('resident-card'), plain(done.card.printed));
      expect(await pageText(resident), code).not.toContain(code === 'ja-Hira' ? 'そのまま' : done.card.printing);
    });
    session.end('completed');
  });
});
