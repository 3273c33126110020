// Playwright-style waiting assertions on top of vitest's expect.poll (playwright-core has no
// test runner matchers).
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();

export async function expectText(locator: Locator, expected: string | RegExp, timeout = 10_000): Promise<void> {
  if (typeof expected === 'string') await expect.poll(() => text(locator), { timeout }).toBe(expected);
  else await expect.poll(() => text(locator), { timeout }).toMatch(expected);
}

export async function expectContains(locator: Locator, expected: string, timeout = 10_000): Promise<void> {
  await expect.poll(() => text(locator), { timeout }).toContain(expected);
}

export async function expectValue(locator: Locator, expected: string | RegExp, timeout = 10_000): Promise<void> {
  if (typeof expected === 'string') await expect.poll(() => locator.inputValue(), { timeout }).toBe(expected);
  else await expect.poll(() => locator.inputValue(), { timeout }).toMatch(expected);
}
