// The staff console's status bar at 1280 px with every state it can show at once (a reader with a
// long name, held jobs at a stopped printer, the queue, an office link cut off with events pending
// and refused): it stays one line, and every entry carries its full text as a tooltip, so an entry
// cut off at the edge can still be read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DeviceStatus } from '../../main/ipc/contract.ts';
import { screenshot, startHarness, type Harness } from './support/harness.ts';
import { signInStaff } from './support/visits.ts';

const EVERYTHING: DeviceStatus = {
  reader: { state: 'card-present', name: 'SONY FeliCa Port/PaSoRi 4.0 (RC-S300/P) 00 00', demo: false },
  printer: { state: 'stopped', name: 'counter-3-forms', heldJobs: 2, problem: null },
  queue: { state: 'ok', waiting: 14, inService: 3 },
  office: { state: 'not-connected', pending: 27, refused: 2 },
};

describe('staff status bar (Chromium, 1280 px)', () => {
  let h: Harness;
  let staff: Page;

  beforeAll(async () => {
    h = await startHarness();
    signInStaff(h.services);
    staff = (await h.open('staff', { width: 1280, height: 900 })).page;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is one line high with every state shown, and each entry has its full text as title', async () => {
    // The console reads this status (status:get) as the devices would report it.
    await staff.route('**/ipc/status%3Aget', (route) => route.fulfill({ json: { ok: true, value: EVERYTHING } }));
    await staff.reload();
    await staff.getByTestId('status-office-refused').waitFor();
    const bar = await staff.evaluate(() => {
      const section = document.querySelector('.status-bar')!;
      const entries = [...section.querySelectorAll('p')].map((p) => {
        const range = document.createRange();
        range.selectNodeContents(p);
        // One line: every piece of text (the device name is smaller) crosses the same horizontal line.
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const oneLine = Math.max(...rects.map((r) => r.top)) < Math.min(...rects.map((r) => r.bottom));
        return {
          id: p.dataset['testid'],
          top: Math.round(p.getBoundingClientRect().top),
          height: p.getBoundingClientRect().height,
          oneLine,
          whole: p.scrollWidth <= p.clientWidth,
          text: (p.textContent ?? '').replace(/\s+/g, ' ').trim(),
          title: p.title,
        };
      });
      return { height: section.getBoundingClientRect().height, entries };
    });
    expect(bar.entries.map((e) => e.id)).toEqual(['status-reader', 'status-printer', 'status-queue', 'status-office']);
    for (const e of bar.entries) {
      expect(e.oneLine, e.id).toBe(true);
      expect(e.top, e.id).toBe(bar.entries[0]!.top);
      // The reader's model name is in its tooltip only.
      expect(e.title, e.id).toBe(e.id === 'status-reader' ? `${e.text} ${EVERYTHING.reader.name}` : e.text);
    }
    // What staff act on is never the part cut off: the reader's, the printer's and the queue's state show whole.
    for (const id of ['status-reader', 'status-printer', 'status-queue'])
      expect(bar.entries.find((e) => e.id === id)?.whole, id).toBe(true);
    expect(bar.entries.find((e) => e.id === 'status-queue')?.text).toBe('受付 待ち 14 人・対応中 3 人');
    expect(bar.height).toBeLessThan(2 * Math.max(...bar.entries.map((e) => e.height)));
    expect(bar.entries.find((e) => e.id === 'status-office')?.title).toBe(
      '窓口サービス ✕ 接続されていません（この端末で受付を続けます） 未送信 27 件 事務所が受け付けなかった記録 2 件（システム担当に連絡してください）',
    );
    await screenshot(staff, 'staff-status-bar-everything');
  });
});
