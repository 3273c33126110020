// Threat: cupsd was killed before it saved its job list and hands our job's id out again to another
// user's job. CUPS hides job-name and the user of other users' jobs (JobPrivateValues), so only the
// id and the creation time are seen: a job created shortly before ours (or after) must not be
// taken for ours by its id, or a resident's forms are reported printed (or followed) when they were not.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrinterDriver, SpoolerJob } from '../../devices/printer/driver.ts';
import { jobTitle } from '../../main/printing/print-service.ts';
import { idFromString } from '../../main/queue/ids.ts';
import { usePrintBench } from '../main/support/print-fixtures.ts';

const FORM_SET = new TextEncoder().encode('%PDF-1.7\n(佐藤　健一) Tj (大阪府大阪市北区梅田一丁目２番３号) Tj\n%%EOF');
const JOB_ID = 7;

/** A spooler whose job 7 is ours (title shown) until the test puts another user's job on that id. */
function spooler() {
  const at: { submitted: number | null; job: SpoolerJob | null } = { submitted: null, job: null };
  const driver: PrinterDriver = {
    listPrinters: async () => [],
    printer: async (name) => ({ name, state: 'idle', accepting: true, reasons: [], info: '', isDefault: false }),
    submit: async (_printer, _document, title, onId) => {
      at.submitted = Date.now();
      // CUPS's time-at-creation is in whole seconds.
      at.job = {
        id: JOB_ID,
        name: title,
        user: 'kiosk',
        state: 'processing',
        reasons: [],
        createdAt: Math.floor(at.submitted / 1000) * 1000,
      };
      onId?.(JOB_ID);
      return JOB_ID;
    },
    job: async (_printer, id) => (id === at.job?.id ? at.job : null),
    jobsTitled: async () => [],
    cancel: async () => undefined,
  };
  return { driver, at };
}

describe("a reused spooler job id with the job's name hidden", () => {
  const bench = usePrintBench('kiosk-sec-reused-id-');

  async function sentJob() {
    const fake = spooler();
    const { service } = bench.printing(fake.driver);
    const request = bench.queue.enqueue({
      category: 'tenkyo',
      forms: ['jumin-ido'],
      resident: { name: '佐藤　健一', address: '大阪府大阪市北区梅田一丁目２番３号' },
    });
    const path = join(bench.dir, 'set.pdf');
    service.spool(request.id, path, FORM_SET);
    const [job] = await service.print({ printer: 'Counter3', files: [{ path, document: '帳票一式' }], requestId: request.id });
    expect(job).toMatchObject({ state: 'sent', spoolerJob: JOB_ID });
    expect(fake.at.job?.name).toBe(jobTitle(idFromString(job!.id)));
    return { service, fake, job: job! };
  }

  for (const [when, offsetMs] of [
    ['a minute before ours', -60_000],
    ['an hour after ours', 3_600_000],
  ] as const) {
    it(`another user's completed job on our id, created ${when}: outcome unknown, never "printed"`, async () => {
      const { service, fake, job } = await sentJob();
      const created = Math.floor((fake.at.submitted! + offsetMs) / 1000) * 1000;
      fake.at.job = { id: JOB_ID, name: '', state: 'completed', reasons: [], createdAt: created };
      await service.dispatch();
      expect(service.job(job.id)).toMatchObject({ state: 'outcome-unknown', error: 'printer/outcome-unknown' });
    });
  }

  it('our own job with its name hidden, created while we sent it, is still followed to completed', async () => {
    const { service, fake, job } = await sentJob();
    const { id, createdAt } = fake.at.job!;
    fake.at.job = { id, name: '', state: 'completed', reasons: [], createdAt: createdAt ?? null };
    await service.dispatch();
    expect(service.job(job.id).state).toBe('completed');
  });
});
