// A resident who walks away: after an idle timeout, a countdown the resident can cancel, then
// both screens are wiped (short timeouts configured for the test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, screenshot, startHarness, STAFF, type Harness } from './support/harness.ts';
import type { AppServices } from '../../main/services/app-services.ts';

function signInStaff(services: AppServices): void {
  services.staff.signIn('staff', { staffId: STAFF.staffId, role: STAFF.role, counter: '4' });
}

/** A household entered by hand (no card needed), moved within the city. */
function manualVisit(services: AppServices): void {
  const session = services.session;
  session.start();
  session.addMember({ name: '﨑山　𠮷男', furigana: 'サキヤマ　ヨシオ', birthDate: '1958-03-31', sex: 'male', relationship: '世帯主' });
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
}

async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

describe('idle timeout', () => {
  let h: Harness;
  let staff: Page;
  let resident: Page;

  beforeAll(async () => {
    h = await startHarness({ idleTimeoutSeconds: 2, idleCountdownSeconds: 3 });
    signInStaff(h.services);
    staff = (await h.open('staff')).page;
    resident = (await h.open('resident', { width: 1080, height: 1400 })).page;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows a cancellable countdown when nobody touches the screen, then wipes both screens', async () => {
    manualVisit(h.services);
    // (Playwright's text locators normalise 﨑 to 崎, so read the page text instead.)
    await expect.poll(() => pageText(resident)).toContain('﨑山');
    await expect.poll(() => pageText(staff)).toContain('﨑山');
    const dialog = resident.getByRole('alertdialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await axeViolations(resident)).toEqual([]);
    await screenshot(resident, 'resident-06-idle-countdown-ja');
    // The resident cancels: the data stays.
    await dialog.getByRole('button', { name: '続ける' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await pageText(resident)).toContain('﨑山');
    // Nobody touches it again: the countdown runs out and every screen is wiped.
    await resident.getByRole('heading', { name: 'いらっしゃいませ' }).waitFor({ timeout: 15_000 });
    await staff.getByRole('button', { name: '新しい受付を始める' }).waitFor();
    for (const page of [staff, resident]) {
      const html = await page.content();
      for (const secret of ['﨑山', '𠮷男', 'サキヤマ', '大通西']) expect(html).not.toContain(secret);
    }
    expect(h.services.audit.entries().at(-1)).toMatchObject({ action: 'session-ended', detail: 'idle' });
  });
});
