// A resident who walks away: after an idle timeout, a countdown the resident can cancel, then
// both screens are wiped (short timeouts configured for the test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, screenshot, startHarness, type Harness } from './support/harness.ts';
import { coveredByIdleOverlay, manualVisit, pageText, signInStaff } from './support/visits.ts';

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
    // Whoever walks up to the unattended screen cannot read the name under the countdown.
    expect(await coveredByIdleOverlay(resident, '﨑山')).toEqual({ opaque: true, coversViewport: true, onTop: true });
    expect(await axeViolations(resident)).toEqual([]);
    await screenshot(resident, 'resident-06-idle-countdown-ja');
    // 続ける in the lower two thirds of the portrait screen: in reach from a wheelchair.
    const reach = await dialog.getByRole('button', { name: '続ける' }).evaluate((b) => {
      const r = b.getBoundingClientRect();
      return { top: r.top / window.innerHeight, bottom: r.bottom / window.innerHeight };
    });
    expect(reach.top).toBeGreaterThanOrEqual(1 / 3);
    expect(reach.bottom).toBeLessThanOrEqual(1);
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

  it('pauses while the resident signs and after printing: a printed visit ends only when staff end it', async () => {
    const session = h.services.session;
    manualVisit(h.services);
    await session.renderPreview();
    // Rendered, not printed: the resident checks the data (no signing yet), and the timer pauses.
    await resident.getByRole('button', { name: '⚠ 訂正が必要です' }).waitFor();
    // Well past the timeout and the countdown (2 s + 3 s): main ends a visit by the timer only before its forms are rendered.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await resident.getByRole('alertdialog').count()).toBe(0);
    expect(await resident.locator('.sign-guide').count()).toBe(0);
    expect(await pageText(resident)).toContain('﨑山');

    await session.print();
    await staff.getByRole('button', { name: '受付を取り消す（印刷済み）' }).waitFor();
    // The staff console follows the job; once it printed, the resident signs (longer than any timer).
    await resident.locator('.sign-guide').waitFor({ timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await resident.getByRole('alertdialog').count()).toBe(0);
    expect((await session.view()).active).toBe(true);
    const reference = (await session.view()).reference;
    expect(h.services.audit.entries().some((e) => e.action === 'session-ended' && e.reference === reference)).toBe(false);

    // Staff cancel it, after confirming that the printed forms become void; the request leaves the queue.
    const requestId = (await session.view()).ticket?.requestId;
    await staff.getByRole('button', { name: '受付を取り消す（印刷済み）' }).click();
    await staff.getByText('印刷した申請書は使えなくなり', { exact: false }).waitFor();
    await screenshot(staff, 'staff-11-cancel-printed-confirm');
    expect(await axeViolations(staff)).toEqual([]);
    await staff.getByRole('button', { name: '取り消す', exact: true }).click();
    await staff.getByRole('button', { name: '新しい受付を始める' }).waitFor();
    await resident.getByRole('heading', { name: 'いらっしゃいませ' }).waitFor();
    expect(h.services.queue?.live().items.some((i) => i.requestId === requestId)).toBe(false);
    expect(
      h.services.audit
        .entries()
        .map((e) => e.action)
        .slice(-2),
    ).toEqual(['request-cancelled', 'session-ended']);
  });
});
