// One number through every window, in Debian's Chromium against the real office service on a real
// PostgreSQL: the reception page issues A-001 and prints its 受付票 (with the QR code of
// the number's status page), a counter calls it (the office API, as the counter app does), the hall
// display shows it, the counter hands it to the back office, the processing page takes it and
// hands it to 交付, the 交付 page calls it (on the hall display again), calls again and finishes;
// the resident's status page follows along. Screenshots of every page; every page axe-clean.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSignInCode, registerMachine } from '../../office/machines.ts';
import { axeViolations, CHROMIUM_ARGS, SCREENSHOT_DIR, screenshot } from '../e2e/support/harness.ts';
import { newUuidv7, OFFICE, startHarness, type Harness } from './support/office-harness.ts';
import { startTestPostgres, type TestPostgres } from './support/postgres.ts';
import { decodeQrInPdf } from '../support/qr-decode.ts';

const PUBLIC_STATUS = 'https://www.city.sapporo.jp/madoguchi/status';

let postgres: TestPostgres;
let office: Harness;
let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  postgres = await startTestPostgres();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await office?.close();
  await postgres?.stop();
});

async function open(path: string, viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A 401 answered to a page that is not signed in yet is the page's own business, not an error.
    if (message.type() === 'error' && !/status of 40[134]/.test(message.text())) errors.push(message.text());
  });
  await page.goto(`${office.url}${path}`);
  return { page, errors };
}

/** A page machine signed in through its one-time link, as staff do each morning. */
async function signIn(
  machine: string,
  role: 'reception' | 'processing' | 'delivery',
  staff: string,
  viewport = { width: 1280, height: 800 },
) {
  await registerMachine(office.pool, OFFICE, machine, role);
  const { code } = await issueSignInCode(office.pool, OFFICE, machine);
  const opened = await open(`/sign-in#${code}`, viewport);
  const { page } = opened;
  // The code leaves the address bar at once.
  expect(page.url()).toBe(`${office.url}/sign-in`);
  await page.fill('#staff', staff);
  await page.click('#start');
  await page.waitForFunction(() => document.body.dataset.session === 'up');
  // Nothing the page's scripts can read holds a credential.
  expect(await page.evaluate(() => [document.cookie, JSON.stringify(sessionStorage), JSON.stringify(localStorage)])).toEqual([
    '',
    '{}',
    '{}',
  ]);
  return opened;
}

describe('one number from reception to 交付', () => {
  it('reception → counter → hall display → processing → 交付, the resident following on the status page', async () => {
    office = await startHarness(await postgres.database(), { publicStatusUrl: PUBLIC_STATUS });
    const counter = await office.counter('3');
    // Two residents already waiting for 転出, so the slip has something to say.
    for (let i = 0; i < 2; i++) await counter.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tenshutsu', staff: 'R001' });

    // ---- reception ----
    const reception = await signIn('R1', 'reception', 'R001');
    const rp = reception.page;
    expect(rp.url()).toBe(`${office.url}/reception`);
    await rp.evaluate(() => {
      const w = window as unknown as { prints: number; print: () => void };
      w.prints = 0;
      w.print = () => {
        w.prints += 1;
      };
    });
    expect(await rp.$$eval('#categories button', (bs) => bs.map((b) => b.textContent))).toEqual([
      '転入Moving in',
      '転出Moving out',
      '転居Moving within the city',
      '世帯変更Household change',
      '証明書Certificates',
      'その他Other',
    ]);
    const buttonHeight = await rp.$eval('#categories button', (b) => b.getBoundingClientRect().height);
    expect(buttonHeight).toBeGreaterThanOrEqual(140);
    expect(await axeViolations(rp)).toEqual([]);
    await screenshot(rp, 'office-reception');

    await rp.click('button[data-category="tennyu"]');
    await rp.waitForFunction(() => document.body.dataset.issued === 'A-001');
    expect(await rp.textContent('#number')).toBe('A-001');
    expect(await rp.textContent('#ahead')).toBe('前にお待ちの方はいません。 No one is waiting ahead of you.');
    const numberSize = await rp.$eval('#number', (el) => parseFloat(getComputedStyle(el).fontSize));
    expect(numberSize).toBeGreaterThanOrEqual(200);
    await expect.poll(() => rp.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(1);
    expect(await axeViolations(rp)).toEqual([]);
    await screenshot(rp, 'office-reception-issued');

    // The 受付票 as the printer gets it (the print stylesheet, 80 mm paper): the number, the category,
    // the time, who waits ahead, and a QR code a phone reads as this number's public status URL.
    const slipPdf = await rp.pdf({ preferCSSPageSize: true, printBackground: true });
    const slipPng = join(SCREENSHOT_DIR, 'office-reception-slip.png');
    writeFileSync(join(SCREENSHOT_DIR, 'office-reception-slip.pdf'), slipPdf);
    expect(decodeQrInPdf(slipPdf, { dpi: 200, pngPath: slipPng })).toBe(`${PUBLIC_STATUS}?ticket=A-001`);
    await rp.emulateMedia({ media: 'print' });
    expect(await rp.isVisible('#slip')).toBe(true);
    expect(await rp.isVisible('#categories')).toBe(false);
    expect(await rp.textContent('#slip-number')).toBe('A-001');
    expect(await rp.textContent('#slip-what')).toBe('転入 Moving in');
    expect(await rp.textContent('#slip-time')).toMatch(/^発行 \d{2}:\d{2} \/ Issued \d{2}:\d{2}$/);
    // Every resident language on the slip, each marked with its lang; one 80 mm page.
    expect(await rp.$$eval('#slip-lines p', (ps) => ps.map((p) => [(p as HTMLElement).lang, p.textContent]))).toEqual([
      ['ja', '前にお待ちの方はいません。 番号は呼出表示板でお知らせします。 この QR コードで、番号の状況をスマートフォンで見られます。'],
      [
        'ja-Hira',
        'まえに まって いる ひとは いません。 ばんごうは まちあいの おおきな がめんに でます。 スマートフォンで QR コードを よむと、ばんごうの ようすが わかります。',
      ],
      ['en', 'No one is waiting ahead of you. Your number will be shown on the hall display. Scan to follow your number on your phone.'],
      ['zh-Hans', '您前面没有人在等候。 您的号码将显示在叫号屏上。 用手机扫描二维码，可查看号码的状态。'],
      [
        'ko',
        '앞에 기다리는 분이 없습니다. 번호는 호출 표시판에 표시됩니다. QR 코드를 스마트폰으로 읽으면 번호의 진행 상황을 볼 수 있습니다.',
      ],
      [
        'vi',
        'Không có ai đang chờ trước quý khách. Số của quý khách sẽ hiện trên bảng gọi số. Quét mã QR bằng điện thoại để theo dõi số của quý khách.',
      ],
    ]);
    expect(slipPdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await rp.emulateMedia({ media: 'screen' });

    // ---- the resident's phone and the hall ----
    const resident = await open('/status/A-001', { width: 390, height: 844 });
    const sp = resident.page;
    await sp.waitForFunction(() => document.body.dataset.phase === 'waiting');
    expect(await sp.textContent('#words')).toBe('受付済みです。番号をお呼びするまでお待ちください。');
    expect(await sp.textContent('#facts')).toBe('前に待っている人0 人待ち時間の目安まだ計れません');
    expect(await axeViolations(sp)).toEqual([]);
    await screenshot(sp, 'office-ticket-status-waiting');
    const hall = await open('/display?hold=1500', { width: 1920, height: 1080 });
    const hp = hall.page;
    await expect.poll(() => hp.getAttribute('body', 'data-link')).toBe('up');

    // ---- the counter calls it (POST /v1/call-next, stage counter, as the counter app does) ----
    const called = await counter.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S1024', stage: 'counter' });
    expect(called.status).toBe(200);
    await expect.poll(() => hp.textContent('#caption'), { timeout: 5000 }).toBe('A-001 番の方、3番窓口へお越しください。');
    await expect.poll(() => sp.getAttribute('body', 'data-phase'), { timeout: 12_000 }).toBe('called');
    expect(await sp.textContent('#words')).toBe('窓口でお呼びしています。3番窓口へお越しください。');
    await screenshot(hp, 'office-journey-display-counter');
    await screenshot(sp, 'office-ticket-status-called');
    await counter.call('POST', '/v1/tickets/A-001/hand-over', { id: newUuidv7(), staff: 'S1024', to: 'processing' });
    await expect.poll(() => sp.getAttribute('body', 'data-phase'), { timeout: 12_000 }).toBe('processing');
    const announcedAtCounter = await hp.getAttribute('body', 'data-announced');

    // ---- the back office takes the file, without calling anyone, and hands it to 交付 ----
    const back = await signIn('P1', 'processing', 'S2001');
    const bp = back.page;
    expect(bp.url()).toBe(`${office.url}/window?stage=processing`);
    expect(await bp.textContent('#title')).toBe('手続き（バックオフィス）・窓口 P1 Processing (back office), Counter P1');
    await expect.poll(() => bp.textContent('#waiting')).toBe('手続き待ち 1 件 1 waiting to be processed');
    expect(await bp.isDisabled('#hand-over')).toBe(true);
    await bp.click('#take');
    await bp.waitForFunction(() => document.body.dataset.current === 'A-001');
    expect(await bp.textContent('#message')).toBe('A-001 を取りました。 Took A-001.');
    expect(await bp.isDisabled('#take')).toBe(true);
    expect(await axeViolations(bp)).toEqual([]);
    await screenshot(bp, 'office-window-processing');
    // The hall display announces nothing for the back office, and the resident still reads 手続き中.
    await hp.waitForTimeout(1500);
    expect(await hp.getAttribute('body', 'data-announced')).toBe(announcedAtCounter);
    expect(await sp.getAttribute('body', 'data-phase')).toBe('processing');
    expect(await axeViolations(sp)).toEqual([]);
    await screenshot(sp, 'office-ticket-status-processing');
    await bp.click('#hand-over');
    await bp.waitForFunction(() => document.body.dataset.current === '');
    await expect.poll(() => sp.getAttribute('body', 'data-phase'), { timeout: 12_000 }).toBe('ready');
    expect(await sp.textContent('#words')).toBe('交付の準備ができました。番号をお呼びするまで、もう少しお待ちください。');

    // ---- 交付 calls it on the hall display, calls again, and finishes ----
    const delivery = await signIn('21', 'delivery', 'S3001');
    const dp = delivery.page;
    expect(dp.url()).toBe(`${office.url}/window?stage=delivery`);
    await expect.poll(() => dp.textContent('#waiting')).toBe('交付待ち 1 人 1 waiting to collect');
    await dp.click('#call-next');
    await dp.waitForFunction(() => document.body.dataset.current === 'A-001');
    expect(await dp.textContent('#state')).toBe('呼出中　呼出表示板に出ています Calling: shown on the hall display');
    await expect.poll(() => hp.textContent('#caption'), { timeout: 5000 }).toBe('A-001 番の方、21番窓口へお越しください。');
    await expect.poll(() => sp.getAttribute('body', 'data-phase'), { timeout: 12_000 }).toBe('delivery-called');
    expect(await sp.textContent('#words')).toBe('交付の準備ができました。21番窓口へお越しください。');
    expect(await sp.textContent('#words-en')).toBe('Your documents are ready. Please go to counter 21 to collect them.');
    expect(await axeViolations(dp)).toEqual([]);
    expect(await axeViolations(sp)).toEqual([]);
    expect(await axeViolations(hp)).toEqual([]);
    await screenshot(dp, 'office-window-delivery');
    await screenshot(hp, 'office-journey-display-delivery');
    await screenshot(sp, 'office-ticket-status-delivery');
    await dp.click('#recall');
    await expect.poll(() => hp.textContent('#caption'), { timeout: 6000 }).toBe('A-001 番の方、21番窓口へお越しください。（再呼出）');
    await expect.poll(() => dp.textContent('#message')).toBe('A-001 をもう一度呼び出しました。 Called A-001 again.');
    await dp.click('#complete');
    await dp.waitForFunction(() => document.body.dataset.current === '');
    expect(await dp.textContent('#message')).toBe('A-001 の交付を完了しました。 A-001 handed over.');
    await expect.poll(() => sp.getAttribute('body', 'data-phase'), { timeout: 12_000 }).toBe('completed');
    expect(await sp.textContent('#words')).toBe('手続きはすべて終わりました。ありがとうございました。');
    await screenshot(sp, 'office-ticket-status-completed');

    // Numbers only: no staff code, no machine token, no ticket id on the resident's or the hall's page.
    for (const page of [sp, hp])
      expect((await page.textContent('body')) ?? '').not.toMatch(/S1024|S2001|S3001|R001|[0-9a-f]{8}-[0-9a-f]{4}/);
    for (const { errors } of [reception, resident, hall, back, delivery]) expect(errors).toEqual([]);
  });

  it('a page opened without signing in says what to do, and the same link cannot sign in twice', async () => {
    const { page } = await open('/reception', { width: 1280, height: 800 });
    await page.waitForFunction(() => document.body.dataset.session === 'none');
    expect(await page.textContent('#who')).toContain('サインインのリンクを開いてください');
    expect(await page.isVisible('#categories')).toBe(false);
    const blank = await open('/sign-in', { width: 1280, height: 800 });
    expect(await blank.page.textContent('#message')).toContain('sign-in-link');
    expect(await axeViolations(blank.page)).toEqual([]);
  });
});
