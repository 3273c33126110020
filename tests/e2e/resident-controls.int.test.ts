// The resident's language and text-size controls sit at the bottom of a tall portrait screen (in
// reach from a wheelchair) in every phase and language, and the text size switch makes the text two
// steps larger without clipping anything sideways; every button of each phase (PIN pad, the data to
// check, signing) lies in the lower two thirds of the screen. Screenshots for review at each size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { languages } from '../../renderer/src/i18n/index.ts';
import { cardFromFixture, findFixture } from '../../devices/card/virtual/fixtures.ts';
import { insertCard, type InsertedCard } from '../support/card-vpcd.ts';
import { axeViolations, screenshot, SLOT, startHarness, type Harness } from './support/harness.ts';
import { manualVisit, signInStaff } from './support/visits.ts';

const HEIGHT = 1920;

/** Where the controls are, as a share of the screen height (0 = top), and the widest overflow. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const top = (selector: string) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      return r ? r.top / window.innerHeight : -1;
    };
    return {
      languages: top('.language-switch'),
      textSize: top('.text-size-switch'),
      overflowX: document.documentElement.scrollWidth - window.innerWidth,
      h2:
        parseFloat(getComputedStyle(document.querySelector('h2')!).fontSize) *
        (parseFloat(getComputedStyle(document.querySelector('.resident-main')!).zoom) || 1),
    };
  });
}

/**
 * Every control the resident uses in the phase shown (the buttons of the main area and of a dialog
 * over it), each with where it lies as a share of the screen height and whether the sticky controls
 * at the bottom cover it. Labels only (数字 1, 決定): never what the resident typed.
 */
async function reach(page: Page) {
  return page.evaluate(() => {
    const footer = document.querySelector('.resident-controls')?.getBoundingClientRect().top ?? window.innerHeight;
    return [...document.querySelectorAll<HTMLElement>('.resident-main button, .idle-overlay button')]
      .filter((b) => b.getClientRects().length > 0)
      .map((b) => {
        const r = b.getBoundingClientRect();
        const overlay = b.closest('.idle-overlay') !== null;
        return {
          label: b.getAttribute('aria-label') ?? b.textContent?.trim() ?? '',
          top: Math.round((r.top / window.innerHeight) * 1000) / 1000,
          inView: r.bottom <= (overlay ? window.innerHeight : footer) + 0.5,
        };
      });
  });
}

/** The phase's controls are all in the lower two thirds of the screen, in view: reachable from a wheelchair. */
async function expectInReach(page: Page, phase: string, labels: (string | RegExp)[]) {
  const controls = await reach(page);
  for (const label of labels)
    expect(
      controls.some((c) => (typeof label === 'string' ? c.label === label : label.test(c.label))),
      `${phase}: ${String(label)} shown`,
    ).toBe(true);
  for (const c of controls) {
    expect(c.top, `${phase}: ${c.label}`).toBeGreaterThanOrEqual(1 / 3);
    expect(c.inView, `${phase}: ${c.label} in view`).toBe(true);
  }
  return controls;
}

describe('resident controls at the bottom; text two steps larger', () => {
  let h: Harness;
  let resident: Page;
  let card: InsertedCard | null = null;

  beforeAll(async () => {
    h = await startHarness();
    resident = (await h.open('resident', { width: 1080, height: HEIGHT })).page;
    signInStaff(h.services);
  });
  afterAll(async () => {
    await card?.pull().catch(() => undefined);
    await h?.close();
  });

  it('keeps language and text size in the lower part of the screen, and enlarges the text', async () => {
    await resident.getByRole('heading', { name: 'いらっしゃいませ' }).waitFor();
    const welcome = await layout(resident);
    expect(welcome.languages).toBeGreaterThan(0.6);
    expect(welcome.textSize).toBeGreaterThan(0.6);

    manualVisit(h.services);
    await resident.locator('.resident-members').waitFor();
    for (const { code, label } of languages) {
      await resident.getByRole('button', { name: new RegExp(`^(✓ )?${label}$`) }).click();
      await expect.poll(() => resident.evaluate(() => document.documentElement.lang)).toBe(code);
      const normal = await layout(resident);
      expect(normal.languages, code).toBeGreaterThan(0.6);
      expect(normal.overflowX, code).toBeLessThanOrEqual(0);
      const sizes = resident.locator('.text-size-switch button');
      await sizes.nth(2).click();
      await expect.poll(() => sizes.nth(2).getAttribute('aria-pressed')).toBe('true');
      const largest = await layout(resident);
      expect(largest.h2 / normal.h2, code).toBeGreaterThanOrEqual(1.45);
      expect(largest.overflowX, code).toBeLessThanOrEqual(0);
      // Still at the bottom of the visible screen while the page scrolls (sticky).
      expect(largest.languages, code).toBeGreaterThan(0.6);
      expect(await axeViolations(resident), code).toEqual([]);
      await screenshot(resident, `resident-largest-${code}`);
      await sizes.nth(0).click();
    }
  });
  it('puts every control of each phase in the lower two thirds of the portrait screen (in reach from a wheelchair)', async () => {
    const session = h.services.session;
    if ((await session.view()).active) session.end('cancelled');
    await resident.getByRole('heading', { name: 'いらっしゃいませ' }).waitFor();
    await resident.locator('.text-size-switch button').nth(0).click();

    // The PIN pad: the ten digits, すべて消す, 1文字消す, 決定 and やめる; with one try left, the confirmation too.
    const fixture = findFixture('takahashi-showa64');
    if (!fixture) throw new Error('fixture missing');
    card = await insertCard(h.cardService.readers, cardFromFixture(fixture), SLOT);
    session.start();
    await session.readCard('pin');
    await resident.locator('.pin-pad').waitFor();
    const pad = await expectInReach(resident, 'pin', ['数字 0', '数字 1', '数字 9', '決定', 'やめる']);
    expect(pad.length).toBeGreaterThanOrEqual(14);
    await screenshot(resident, 'resident-reach-pin');
    // At the largest text size too.
    const sizes = resident.locator('.text-size-switch button');
    await sizes.nth(2).click();
    await expect.poll(() => sizes.nth(2).getAttribute('aria-pressed')).toBe('true');
    await expectInReach(resident, 'pin, largest text', ['数字 1', '決定', 'やめる']);
    await sizes.nth(0).click();
    const wrong = fixture.pin === '1111' ? '2222' : '1111';
    for (const left of [2, 1]) {
      for (const digit of wrong) await resident.getByRole('button', { name: `数字 ${digit}`, exact: true }).click();
      await resident.getByRole('button', { name: '決定' }).click();
      await expect.poll(() => session.residentView().pin.retriesLeft).toBe(left);
    }
    await resident.locator('.pin-pad button:not([disabled])').first().waitFor();
    for (const digit of fixture.pin) await resident.getByRole('button', { name: `数字 ${digit}`, exact: true }).click();
    await resident.getByRole('button', { name: '決定' }).click();
    await resident.locator('.confirm-last').waitFor();
    await expectInReach(resident, 'pin, last try', ['最後の1回として送信する', '送信しないで戻る']);
    await resident.getByRole('button', { name: '最後の1回として送信する' }).click();

    // The data to check: 「訂正が必要です」, then which part.
    await resident.locator('.resident-members').waitFor();
    const member = (await session.view()).members[0];
    if (!member) throw new Error('no member read');
    session.updateMember(member.id, { furigana: 'タカハシ　ケンタロウ' });
    session.setMove({
      kind: 'tenkyo',
      moveDate: '2026-11-16',
      postalCode: '060-0042',
      address: '北海道札幌市中央区大通西四丁目１番地',
      building: 'ノースヒルズ円山',
      room: '802号室',
      previousPostalCode: '060-0001',
      previousAddress: '北海道札幌市中央区北一条西二丁目１番地',
      phone: '011-555-0199',
    });
    await resident.getByTestId('resident-new-address').waitFor();
    await expectInReach(resident, 'confirm', ['⚠ 訂正が必要です']);
    await screenshot(resident, 'resident-reach-confirm');
    await resident.getByRole('button', { name: '⚠ 訂正が必要です' }).click();
    const choice = await expectInReach(resident, 'confirm, which part', ['戻る']);
    expect(choice.length).toBeGreaterThanOrEqual(4);
    await resident.getByRole('button', { name: '戻る', exact: true }).click();

    // Printed: where to sign. Whatever the resident may press there is in reach too.
    await session.renderPreview();
    await session.print();
    await expect.poll(async () => (await session.view(), session.residentView().phase), { timeout: 30_000 }).toBe('sign');
    await resident.locator('.sign-guide').waitFor();
    await expectInReach(resident, 'sign', []);
    await screenshot(resident, 'resident-reach-sign');
  });
});
