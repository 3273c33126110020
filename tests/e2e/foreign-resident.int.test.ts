// A foreign resident's 在留カード, entered by staff in Debian's Chromium, reaches the printed
// 住民異動届 (the card reader holds no nationality or residence status).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startHarness, type Harness } from './support/harness.ts';
import { manualVisit, signInStaff } from './support/visits.ts';
import { printedText } from '../forms/support/raster.ts';

describe('a foreign resident at the counter', () => {
  let h: Harness;
  let staff: Page;

  beforeAll(async () => {
    h = await startHarness();
    staff = (await h.open('staff')).page;
    signInStaff(h.services);
    await staff.reload();
  });

  afterAll(async () => {
    h.services.session.end('cancelled');
    await h?.close();
  });

  it('staff enter the 在留カード (a 永住者 needs no 満了日) and it is printed', async () => {
    manualVisit(h.services);
    h.services.session.addMember({
      name: 'グエン　ティ　ラン',
      furigana: 'グエン　ティラン',
      birthDate: '1992-03-08',
      sex: 'female',
      relationship: '同居人',
    });
    h.services.session.goTo('members');
    await staff.reload();
    const member = staff.getByTestId('member-m2');
    await member.getByLabel('外国人住民', { exact: true }).check();
    await member.getByLabel('国籍・地域').fill('ベトナム');
    await member.getByLabel('法第30条の45に規定する区分').selectOption('中長期在留者');
    await member.getByLabel('在留資格').fill('永住者');
    await member.getByLabel('在留カード番号').fill('ab12345678cd');
    await member.getByLabel('通称（登録がある方のみ）').fill('中村　蘭');
    // 永住者 have no 在留期間: the date may stay empty.
    expect(await member.getByLabel('在留期間の満了日').getAttribute('required')).toBeNull();
    await screenshot(staff, 'staff-03b-foreign-resident');
    await member.getByRole('button', { name: '在留カードの内容を保存' }).click();
    await expect
      .poll(async () => (await h.services.session.view()).members[1]?.foreignResident)
      .toEqual({
        nationality: 'ベトナム',
        residenceCategory: '中長期在留者',
        residenceStatus: '永住者',
        residenceCardNumber: 'AB12345678CD',
        commonName: '中村　蘭',
      });

    await h.services.session.renderPreview();
    const view = await h.services.session.view();
    expect(view.error).toBeNull();
    expect(view.preview?.forms.map((f) => f.id)).toContain('jumin-ido');
    // Read the form back as the clerk would: the same household through the same form engine.
    const pdf = await h.services.forms!.render(
      {
        reference: 'R-E2E-FOREIGN',
        members: view.members.map(({ furiganaSuggestion: _suggestion, ...m }) => m),
        headId: 'm1',
        move: view.move!,
        facts: {},
        notice: view.notice,
      },
      [],
    );
    const text = printedText(pdf.forms.find((f) => f.id === 'jumin-ido')!.pdf, { squashed: true });
    for (const value of ['ベトナム', '中長期在留者', '永住者', 'AB12345678CD', '中村蘭']) expect(text).toContain(value);
  });
});
