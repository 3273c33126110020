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
