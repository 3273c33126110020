// Staff who walk away from the console: main signs them out after the idle period, warning a
// moment before with 続ける / Continue (short periods configured for the test: 8 s, warning 5 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, screenshot, STAFF, startHarness, type Harness } from './support/harness.ts';
import { pageText } from './support/visits.ts';

describe('staff idle sign-out (Chromium)', () => {
  let h: Harness;
  let staff: Page;

  beforeAll(async () => {
    h = await startHarness({ staffIdleMs: 8_000, staffIdleWarningMs: 5_000 });
    staff = (await h.open('staff')).page;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('warns in Japanese then English; 続ける keeps staff signed in; left alone, main signs them out', async () => {
    await staff.getByLabel('職員ID').fill(STAFF.staffId);
    await staff.getByLabel('パスワード').fill(STAFF.password);
    await staff.getByRole('button', { name: 'サインイン' }).click();
    await staff.getByRole('button', { name: '新しい受付を始める' }).waitFor();

    const dialog = staff.getByTestId('staff-idle-warning');
    await dialog.waitFor({ timeout: 10_000 });
    const text = await dialog.innerText();
    expect(text).toContain('まもなく自動でサインアウトします');
    expect(text).toMatch(/\d+ 秒後にサインアウトします/);
    expect(text).toContain('signed out in');
    expect(text.indexOf('サインアウトします')).toBeLessThan(text.indexOf('signed out'));
    expect(await axeViolations(staff)).toEqual([]);
    await screenshot(staff, 'staff-idle-warning');
    await dialog.getByRole('button', { name: '続ける / Continue' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(h.services.staff.get('staff')).not.toBeNull();

    // Nobody touches it again: the warning returns, then main signs the console out.
    await dialog.waitFor({ timeout: 10_000 });
    await staff.getByRole('heading', { name: '職員サインイン' }).waitFor({ timeout: 15_000 });
    expect(await pageText(staff)).toContain('一定時間操作がなかったため、サインアウトしました');
    expect(h.services.staff.get('staff')).toBeNull();
    expect(h.services.audit.entries().find((e) => e.action === 'sign-out')).toMatchObject({ staffId: STAFF.staffId, detail: 'idle' });
  }, 60_000);
});
