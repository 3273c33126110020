// Visit set-ups shared by the end-to-end suites.
import type { Page } from 'playwright-core';
import type { AppServices } from '../../../main/services/app-services.ts';
import { STAFF } from './harness.ts';

export function signInStaff(services: AppServices): void {
  services.staff.signIn('staff', { staffId: STAFF.staffId, role: STAFF.role, counter: '4' });
}

/** A household entered by hand (no card needed), moved within the city. */
export function manualVisit(services: AppServices): void {
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

export async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/**
 * Whether a text shown on the page is hidden by the idle overlay: the overlay covers the viewport,
 * its background is opaque, and it is what a person sees at the point where the text is (a dimmed
 * page leaves a name readable to whoever walks up). Reports the facts, never the text.
 */
export async function coveredByIdleOverlay(
  page: Page,
  text: string,
): Promise<{ opaque: boolean; coversViewport: boolean; onTop: boolean }> {
  return page.evaluate((needle) => {
    const overlay = document.querySelector('.idle-overlay');
    if (!overlay) return { opaque: false, coversViewport: false, onTop: false };
    const alpha = /rgba?\(([^)]+)\)/.exec(getComputedStyle(overlay).backgroundColor)?.[1]?.split(',')[3];
    const box = overlay.getBoundingClientRect();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let onTop = true;
    let found = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.includes(needle) || overlay.contains(node)) continue;
      found = true;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !overlay.contains(hit)) onTop = false;
      }
    }
    return {
      opaque: alpha === undefined || Number(alpha) === 1,
      coversViewport: box.left <= 0 && box.top <= 0 && box.right >= window.innerWidth && box.bottom >= window.innerHeight,
      onTop: found && onTop,
    };
  }, text);
}
