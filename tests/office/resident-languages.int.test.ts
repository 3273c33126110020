// The office's resident-facing words in every language the counter's resident screen speaks (issue
// 13): one number's status as JSON and as the /status/A-012 page on a phone (390×844), and the
// published status page's headings. Each language block carries its lang, is drawn in one face that
// has all its letters (no fallback mid-word: Chromium's own report of the fonts used), is large
// enough, and nothing is clipped; axe-clean; screenshots to look at.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentLanguage } from '../../domain/language.ts';
import { ticketStatusView } from '../../domain/office.ts';
import { axeViolations, CHROMIUM_ARGS, screenshot } from '../e2e/support/harness.ts';
import { newUuidv7, startHarness, type Harness } from './support/office-harness.ts';
import { startTestPostgres, type TestPostgres } from './support/postgres.ts';

let postgres: TestPostgres;
let office: Harness;
let browser: Browser;
beforeAll(async () => {
  postgres = await startTestPostgres();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await office?.close();
  await postgres?.stop();
});

const IDS = { ja: 'words', 'ja-Hira': 'easy', en: 'words-en', 'zh-Hans': 'words-zh-Hans', ko: 'words-ko', vi: 'words-vi' } as const;
/** The one face each language must be drawn in on this machine (Debian's fonts; .ci/setup). */
const FACE = {
  ja: 'BIZ UDGothic',
  'ja-Hira': 'BIZ UDGothic',
  en: 'BIZ UDPGothic',
  'zh-Hans': 'Noto Sans CJK SC',
  ko: 'Noto Sans CJK KR',
  vi: 'Noto Sans',
} as const;

/** The faces Chromium drew a node's text in (DevTools CSS.getPlatformFontsForNode). */
async function facesOf(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  await cdp.send('CSS.enable');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const text = await cdp.send('DOM.describeNode', { nodeId, depth: 1 });
  const child = text.node.children?.[0];
  const target = child
    ? (await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [child.backendNodeId] })).nodeIds[0]
    : nodeId;
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: target as number });
  await cdp.detach();
  return fonts.map((f) => f.familyName);
}

async function check(page: Page, phase: string, expected: Record<string, string>) {
  await page.waitForFunction((p) => document.body.dataset.phase === p, phase, { timeout: 12_000 });
  for (const language of residentLanguage.options) {
    const id = IDS[language];
    const el = await page.$(`#${id}`);
    expect(await el?.textContent()).toBe(expected[language]);
    // Its language, from the element or the block it sits in.
    expect(await page.$eval(`#${id}`, (e) => (e.closest('[lang]') as HTMLElement).lang)).toBe(language);
    // Large enough for an 80-year-old on a phone: at least 22 px (Japanese larger), nothing clipped.
    const box = await page.$eval(`#${id}`, (e) => ({
      size: parseFloat(getComputedStyle(e).fontSize),
      scroll: e.scrollWidth,
      client: e.clientWidth,
      right: e.getBoundingClientRect().right,
    }));
    expect(box.size).toBeGreaterThanOrEqual(language === 'ja' ? 30 : 22);
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    expect(box.right).toBeLessThanOrEqual(390);
    expect(await facesOf(page, `#${id}`)).toEqual([FACE[language]]);
  }
  const wide = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll('body *'),
      (e) => [e.tagName + '#' + e.id + '.' + e.className, Math.round(e.getBoundingClientRect().right)] as const,
    ).filter((x) => x[1] > 390),
  );
  expect(wide).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Korean wraps between words, never inside one (Chromium's default breaks between any two syllables).
  expect(await page.$eval('#words-ko', (e) => getComputedStyle(e).wordBreak)).toBe('keep-all');
  expect(await axeViolations(page)).toEqual([]);
}

describe("the resident's pages speak the resident screen's six languages", () => {
  it('one number: the JSON words and the /status/A-002 page on a phone, waiting and then called', async () => {
    office = await startHarness(await postgres.database());
    const counter = await office.counter('3');
    for (let i = 0; i < 3; i++) await counter.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' });
    const json = ticketStatusView.parse((await counter.call('GET', '/v1/status/A-002')).body);
    expect(Object.keys(json.words)).toEqual(['ja', 'ja-Hira', 'en', 'zh-Hans', 'ko', 'vi']);
    expect(json.words.vi).toBe('Quý khách đã được tiếp nhận. Xin vui lòng chờ đến khi số của quý khách được gọi.');

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${office.url}/status/A-002`);
    await check(page, 'waiting', json.words);
    expect(await page.$$eval('.lang h2', (hs) => hs.map((h) => [(h.closest('[lang]') as HTMLElement).lang, h.textContent]))).toEqual([
      ['ja-Hira', 'やさしい にほんご'],
      ['en', 'English'],
      ['zh-Hans', '中文'],
      ['ko', '한국어'],
      ['vi', 'Tiếng Việt'],
    ]);
    expect(await page.$$eval('.lang [data-more]', (ps) => ps.map((p) => p.textContent))).toEqual([
      'まえに 1にん まって います。 まつ じかんは まだ わかりません。',
      '1 person is waiting ahead of you. Estimated wait: not known yet.',
      '您前面有 1 人在等候。 暂时无法估计等候时间。',
      '앞에 1명이 기다리고 있습니다. 예상 대기 시간은 아직 알 수 없습니다.',
      'Có 1 người đang chờ trước quý khách. Chưa ước tính được thời gian chờ.',
    ]);
    await screenshot(page, 'office-ticket-status-languages-waiting');
    await page.screenshot({ path: 'test-output/screenshots/office-ticket-status-languages-waiting-full.png', fullPage: true });

    // Called to window 3: the window in each language's own words.
    await counter.call('POST', '/v1/tickets/A-002/call', { id: newUuidv7(), staff: 'S1024' });
    const called = ticketStatusView.parse((await counter.call('GET', '/v1/status/A-002')).body);
    expect(called.words).toEqual({
      ja: '窓口でお呼びしています。3番窓口へお越しください。',
      'ja-Hira': 'いま よんで います。3番窓口へ きて ください。',
      en: 'Your number is being called. Please go to counter 3.',
      'zh-Hans': '正在叫您的号码。请前往3号窗口。',
      ko: '지금 번호를 부르고 있습니다. 3번 창구로 와 주십시오.',
      vi: 'Số của quý khách đang được gọi. Xin mời quý khách đến quầy số 3.',
    });
    await check(page, 'called', called.words);
    expect(await page.$$eval('.badge', (bs) => bs.filter((b) => getComputedStyle(b).display !== 'none').length)).toBe(6);
    await screenshot(page, 'office-ticket-status-languages-called');
    await page.screenshot({ path: 'test-output/screenshots/office-ticket-status-languages-called-full.png', fullPage: true });

    // A number that is not today's: said in every language, not an error page.
    await page.goto(`${office.url}/status/A-999`);
    await page.waitForFunction(() => document.body.dataset.phase === 'unknown');
    expect(await page.textContent('#words-vi')).toBe(
      'Đây không phải là số của hôm nay. Xin quý khách kiểm tra lại số và ngày trên phiếu tiếp nhận.',
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the published status page's title and headings, each language marked", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    await page.goto(`${office.url}/status`);
    await expect.poll(() => page.$$eval('#rows tr', (rows) => rows.length)).toBe(6);
    const headings = await page.$$eval('thead th', (ths) =>
      ths.map((th) => [
        th.firstChild?.textContent?.trim(),
        ...Array.from(th.querySelectorAll('[lang]'), (s) => `${(s as HTMLElement).lang}:${s.textContent}`),
      ]),
    );
    expect(headings[3]).toEqual([
      '待ち時間の目安',
      'ja-Hira:まつ じかん',
      'en:Estimated wait',
      'zh-Hans:预计等候时间',
      'ko:예상 대기 시간',
      'vi:Thời gian chờ dự kiến',
    ]);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(
      '窓口の待ち状況 まどぐちの まちじかん Waiting status 窗口等候状况 창구 대기 현황 Tình trạng chờ tại quầy',
    );
    expect(await facesOf(page, 'thead th:nth-child(4) [lang="vi"]')).toEqual(['Noto Sans']);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-output/screenshots/office-status-page-languages-phone.png', fullPage: true });
    await context.close();
  });
});
