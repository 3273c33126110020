// `npm run demo`: the three screens side by side in a browser, over the same handler registry,
// reachable only with the demo's random token, and a whole card read through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startDemo, type Demo } from '../../demo/server.ts';
import { CARD_FIXTURES } from '../../devices/card/virtual/fixtures.ts';
import { CHROMIUM_ARGS, ensureRendererBuilt, RENDERER_DIR, screenshot } from '../e2e/support/harness.ts';

describe('npm run demo', () => {
  let demo: Demo;
  let browser: Browser;

  beforeAll(async () => {
    ensureRendererBuilt();
    demo = await startDemo({ rendererDir: RENDERER_DIR });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('answers nothing without its token', async () => {
    const base = demo.bridge.url;
    for (const path of ['/', '/index.html?screen=staff', '/kiosk-shim.js?screen=staff', '/events?screen=staff'])
      expect((await fetch(`${base}${path}`)).status, path).toBe(403);
    const call = await fetch(`${base}/ipc/session:get`, { method: 'POST', headers: { 'x-kiosk-screen': 'staff' }, body: '{}' });
    expect(call.status).toBe(403);
    expect(demo.bridge.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('shows the three screens side by side, labelled as a demo, and reads the virtual card', async () => {
    const fixture = CARD_FIXTURES[0]!;
    const page = await browser.newPage({ viewport: { width: 1900, height: 1000 }, locale: 'ja-JP' });
    await page.goto(demo.url);
    await page.getByRole('heading', { name: '【デモ】書かない窓口' }).waitFor();
    const staff = page.frameLocator('iframe[title="職員画面"]');
    const resident = page.frameLocator('iframe[title="住民用画面"]');
    await page.frameLocator('iframe[title="統計ダッシュボード"]').getByRole('heading', { name: '統計ダッシュボード' }).waitFor();
    await staff.getByRole('button', { name: '新しい受付を始める' }).click();
    await staff.getByRole('button', { name: /カードを読む/ }).click();
    for (const digit of fixture.pin) await resident.getByRole('button', { name: `数字 ${digit}`, exact: true }).click();
    await resident.getByRole('button', { name: '決定' }).click();
    await staff.getByTestId('member-m1').waitFor();
    expect(await staff.getByTestId('member-m1').textContent()).toContain(fixture.resident.name.split('　')[0]);
    expect(await staff.locator('body').textContent()).toContain('デモ');
    await screenshot(page, 'demo-01-side-by-side');
    await page.close();
  });
});
