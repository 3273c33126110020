// What staff learn by asking (届出人, 生計維持者, the children's insurance…) is entered in step 4 of the
// console in Debian's Chromium and reaches main's visit: only what the chosen forms print is asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, screenshot, startHarness, type Harness } from './support/harness.ts';
import { signInStaff } from './support/visits.ts';

describe('the notice in the staff console', () => {
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
    h.services.session.end('cancelled');
    await h?.close();
  });

  it('asks the 届出人 on every move, the 生計維持者 and insurance only with the children’s forms, and keeps the answers', async () => {
    const session = h.services.session;
    session.start();
    session.addMember({ name: '佐藤　健一', furigana: 'サトウ　ケンイチ', birthDate: '1984-02-09', sex: 'male', relationship: '世帯主' });
    session.addMember({ name: '佐藤　美咲', furigana: 'サトウ　ミサキ', birthDate: '1987-07-30', sex: 'female', relationship: '妻' });
    session.addMember({ name: '佐藤　陽翔', furigana: 'サトウ　ハルト', birthDate: '2019-05-12', sex: 'male', relationship: '子' });
    session.setMove({
      kind: 'tenkyo',
      moveDate: '2026-11-16',
      postalCode: '060-0042',
      address: '北海道札幌市中央区大通西四丁目１番地',
      building: '',
      previousPostalCode: '060-0001',
      previousAddress: '北海道札幌市中央区北一条西二丁目１番地',
      phone: '',
    });
    await staff.reload();
    // The resident sees who makes the notice: the 世帯主 until staff choose another member.
    const notifier = resident.getByTestId('resident-notifier');
    await expect.poll(() => notifier.textContent()).toContain('佐藤　健一');
    const fields = staff.getByTestId('notice-fields');
    await expect.poll(() => fields.isVisible()).toBe(true);
    expect(await fields.getByLabel('届出人（窓口に来た方）').isVisible()).toBe(true);
    // No child benefit chosen yet: nothing about the children is asked; a 転居 has no 転出証明書.
    expect(await fields.getByLabel('お子さんの健康保険').count()).toBe(0);
    expect(await fields.getByLabel('転入の手続き').count()).toBe(0);

    // Two boxes ticked at once: each shows its tick straight away and neither undoes the other.
    await staff.getByLabel('佐藤　陽翔：子ども医療費受給者証がある').check();
    await staff.getByLabel('佐藤　陽翔：児童手当の対象の子').check();
    await expect.poll(async () => (await session.view()).facts).toEqual({ 'm3:childMedical': true, 'm3:childAllowance': true });
    await expect.poll(() => fields.getByLabel('お子さんの健康保険').count()).toBe(1);
    await fields.getByLabel('届出人（窓口に来た方）').selectOption({ label: '佐藤　美咲（妻）' });
    await expect.poll(async () => (await session.view()).notice.notifierId).toBe('m2');
    // The 生計維持者 (児童手当 請求者) is an adult: the 6-year-old is not offered.
    expect(
      await fields
        .getByLabel(/生計維持者/)
        .locator('option')
        .allTextContents(),
    ).toEqual(['確認していない（手書き）', '佐藤　健一（世帯主）', '佐藤　美咲（妻）']);
    await fields.getByLabel(/生計維持者/).selectOption({ label: '佐藤　健一（世帯主）' });
    await fields.getByLabel('お子さんの健康保険').selectOption({ label: '健康保険（社会保険）' });
    await expect.poll(async () => (await session.view()).notice.healthInsurance).toEqual({ kind: 'employee' });
    await fields.getByLabel(/保険者名/).fill('全国健康保険協会 北海道支部');
    await fields.getByLabel(/保険者名/).blur();
    await expect
      .poll(async () => (await session.view()).notice)
      .toMatchObject({
        notifierId: 'm2',
        supporterId: 'm1',
        healthInsurance: { kind: 'employee', insurer: '全国健康保険協会 北海道支部' },
      });
    await screenshot(staff, 'staff-04b-notice');
    // …and whom staff chose, labelled in the resident's language.
    await expect.poll(() => notifier.textContent()).toContain('佐藤　美咲');
    expect(await resident.locator('.resident-move').innerText()).toContain('届出人（届け出をする方）');
    await resident.getByRole('button', { name: /^(✓ )?Tiếng Việt$/ }).click();
    await expect.poll(() => resident.locator('.resident-move').innerText()).toContain('Người khai báo');
    expect(await notifier.innerText()).toContain('Vợ');
    expect(await axeViolations(resident)).toEqual([]);
    await screenshot(resident, 'resident-04c-notifier-vi');
  });
});
