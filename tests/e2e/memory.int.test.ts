// Renderer memory across 200 simulated visits: each visit puts a household on both screens
// and then ends (the stores are wiped). After garbage collection, the JS heap, DOM nodes and
// event listeners of both renderers must be back where they were after a warm-up, i.e. wiped
// visits leave nothing behind. Figures are printed and saved to test-output/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { ROOT, startHarness, STAFF, type Harness } from './support/harness.ts';

interface Sample {
  heapUsed: number;
  nodes: number;
  listeners: number;
}

/** Samples once the page is at rest: a transient status line or timer re-render between two
 * readings would otherwise count as growth. */
async function sample(cdp: CDPSession): Promise<Sample> {
  let previous = await sampleOnce(cdp);
  for (let attempt = 0; attempt < 5; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await sampleOnce(cdp);
    if (next.nodes === previous.nodes && next.listeners === previous.listeners) return next;
    previous = next;
  }
  return previous;
}

async function sampleOnce(cdp: CDPSession): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapUsed: heap.usedSize, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

const VISITS = 200;
const WARM_UP = 20;
const MIDDLE = 110;

describe('renderer memory across 200 visits', () => {
  let h: Harness;
  let staff: Page;
  let resident: Page;

  beforeAll(async () => {
    h = await startHarness();
    h.services.staff.signIn('staff', { staffId: STAFF.staffId, role: STAFF.role, counter: '5' });
    staff = (await h.open('staff')).page;
    resident = (await h.open('resident')).page;
    await staff.getByRole('button', { name: '新しい受付を始める' }).waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('does not grow', { timeout: 120_000 }, async () => {
    const cdps = { staff: await staff.context().newCDPSession(staff), resident: await resident.context().newCDPSession(resident) };
    for (const cdp of Object.values(cdps)) await cdp.send('Performance.enable');
    const session = h.services.session;
    const samples: Record<string, Sample>[] = [];
    const started = performance.now();
    for (let visit = 1; visit <= VISITS; visit++) {
      session.start();
      session.addMember({
        name: `髙橋　𠮷${visit}郎`,
        furigana: 'タカハシ　ヨシロウ',
        birthDate: '1989-01-08',
        sex: 'male',
        relationship: '世帯主',
      });
      session.addMember({
        name: `山﨑　花子${visit}`,
        furigana: 'ヤマザキ　ハナコ',
        birthDate: '2019-05-01',
        sex: 'female',
        relationship: '子',
      });
      await resident.waitForFunction((n) => document.body.innerText.includes(`𠮷${n}郎`), visit);
      await staff.waitForFunction((n) => document.body.innerText.includes(`𠮷${n}郎`), visit);
      session.end('completed');
      await resident.waitForFunction(() => !document.querySelector('.resident-members'));
      await staff.waitForFunction(() => !document.querySelector('.member-list') && !document.body.innerText.includes('髙橋'));
      if (visit === WARM_UP || visit === MIDDLE || visit === VISITS) {
        samples.push({ staff: await sample(cdps.staff), resident: await sample(cdps.resident) });
      }
    }
    const elapsedMs = Math.round(performance.now() - started);
    const [warm, middle, end] = samples as [Record<string, Sample>, Record<string, Sample>, Record<string, Sample>];
    const report = {
      visits: VISITS,
      elapsedMs,
      afterWarmUp: warm,
      afterVisit110: middle,
      afterAll: end,
      heapGrowthBytes: {
        staff: [middle.staff!.heapUsed - warm.staff!.heapUsed, end.staff!.heapUsed - middle.staff!.heapUsed],
        resident: [middle.resident!.heapUsed - warm.resident!.heapUsed, end.resident!.heapUsed - middle.resident!.heapUsed],
      },
    };
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    writeFileSync(join(ROOT, 'test-output/renderer-memory.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`[renderer memory] ${JSON.stringify(report)}`);
    for (const screen of ['staff', 'resident'] as const) {
      // Wiped visits leave no DOM or listeners behind, and the heap stays flat: 180 more visits
      // may not add more than 5 % (plus 256 KiB of allocator noise) to the post-GC heap.
      expect(end[screen]!.nodes, screen).toBeLessThanOrEqual(warm[screen]!.nodes);
      expect(end[screen]!.listeners, screen).toBeLessThanOrEqual(warm[screen]!.listeners);
      expect(end[screen]!.heapUsed, screen).toBeLessThanOrEqual(warm[screen]!.heapUsed * 1.05 + 256 * 1024);
    }
  });
});
