// The resident's language and text-size controls sit at the bottom of a tall portrait screen (in
// reach from a wheelchair) in every phase and language, and the text size switch makes the text two
// steps larger without clipping anything sideways. Screenshots for review at each size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { languages } from '../../renderer/src/i18n/index.ts';
import { axeViolations, screenshot, startHarness, type Harness } from './support/harness.ts';
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

describe('resident controls at the bottom; text two steps larger', () => {
  let h: Harness;
  let resident: Page;

  beforeAll(async () => {
    h = await startHarness();
    resident = (await h.open('resident', { width: 1080, height: HEIGHT })).page;
    signInStaff(h.services);
  });
  afterAll(async () => {
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
});
