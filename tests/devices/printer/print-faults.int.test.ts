// Faults of the print path, each made the real way against a PRIVATE cupsd (private-cupsd.ts):
// the node process SIGKILLed while its `lp` child runs, cupsd SIGKILLed just after a job was
// sent, and cupsd stopped (print-job-files.int.test.ts: CUPS keeping printed documents). Copies are counted as the files the
// private queue's backend wrote: one file per printed copy.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCupsDriver } from '../../../devices/printer/cups.ts';
import type { PrinterDriver } from '../../../devices/printer/driver.ts';
import { createHandlers } from '../../../main/app-handlers.ts';
import { getPrintJob } from '../../../main/db/print-jobs.ts';
import { handle } from '../../../main/ipc/registry.ts';
import { createAppServices } from '../../../main/services/app-services.ts';
import { PrintServiceAdapter } from '../../../main/services/printer-adapter.ts';
import { jobTitle, type PrintEvent } from '../../../main/printing/print-service.ts';
import { idFromString, idToString } from '../../../main/queue/ids.ts';
import { makeTestKiosk, type TestKiosk } from '../../main/support/kiosk-fixtures.ts';
import { isRoot, startPrivateCupsd, type PrivateCupsd } from './private-cupsd.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = join(import.meta.dirname, 'print-crash-child.ts');
const QUEUE = 'KioskFault';
const OTHER = 'KioskOther';
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The pid of `parent`'s child process named `name`, from /proc. */
function childNamed(parent: number, name: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === name && ppid === parent) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let cupsd: PrivateCupsd;
let t: TestKiosk;
let savedServer: string | undefined;

/** Jobs CUPS has not finished, on every queue of the private cupsd. */
function unfinished(): string {
  return cupsd.tool('lpstat', '-o').trim();
}

function spoolFile(name: string): string {
  const path = join(t.dir, name);
  writeFileSync(path, PDF);
  return path;
}

describe.skipIf(!isRoot)('print faults against a private cupsd', () => {
  beforeAll(async () => {
    // PreserveJobFiles as CUPS ships it (not set: one day), like the machine the faults were found on.
    cupsd = await startPrivateCupsd({ preserveJobFiles: null });
    await cupsd.addQueues(QUEUE, OTHER);
    // This process's lp and IPP client, and the CLI children, all talk to the private cupsd.
    savedServer = process.env.CUPS_SERVER;
    process.env.CUPS_SERVER = cupsd.env.CUPS_SERVER;
  });

  afterAll(async () => {
    if (savedServer === undefined) delete process.env.CUPS_SERVER;
    else process.env.CUPS_SERVER = savedServer;
    await cupsd?.dispose();
  });

  afterEach(async () => {
    t?.cleanup();
    cupsd.signal('SIGCONT');
    if (!cupsd.pid()) await cupsd.start();
    cupsd.setBackendDelay(0);
    spawnSync('cupsenable', [QUEUE], { env: cupsd.env });
    spawnSync('cupsenable', [OTHER], { env: cupsd.env });
    spawnSync('cancel', ['-a', '-x'], { env: cupsd.env });
  });

  it('the node process SIGKILLed while its lp child runs, the job completed before the restart: adopted, one copy', async () => {
    t = makeTestKiosk();
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', CHILD, t.dbPath, t.keyPath, QUEUE, 'pause-after-check'],
      {
        env: cupsd.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise((r) => child.once('exit', r));
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    await until('the printer check', () => output.includes('CHECKED'));
    // cupsd paused: lp waits for it, so the crash lands while lp runs.
    cupsd.signal('SIGSTOP');
    child.stdin.write('go\n');
    const lp = await until('lp to run', () => childNamed(child.pid!, 'lp'));
    await sleep(300); // node has piped the PDF into lp and waits for lp's answer
    child.kill('SIGKILL');
    await exited;
    expect(alive(lp)).toBe(true); // only node died
    const [row] = t.db.prepare('SELECT id, state, cups_job FROM print_jobs').all() as {
      id: Buffer;
      state: string;
      cups_job: number | null;
    }[];
    expect(row).toMatchObject({ state: 'sending', cups_job: null });
    const jobId = idToString(row!.id);
    const title = jobTitle(row!.id);

    // The crash is held until CUPS has printed the job and finished it.
    cupsd.signal('SIGCONT');
    await until('the copy', () => cupsd.copies(title) === 1);
    await until(
      'CUPS to finish the job',
      () => unfinished() === '' && cupsd.tool('lpstat', '-W', 'completed', '-o', QUEUE).includes(`${QUEUE}-`),
    );
    await until('lp to end', () => !alive(lp));

    // Restart: a fresh service over the same database dispatches what the crash left.
    const restarted = t.kiosk.printService(createCupsDriver());
    const [done] = await restarted.waitFor([jobId], { timeoutMs: 15_000 });
    expect(done).toMatchObject({ state: 'completed' });
    expect(done!.spoolerJob).toBeGreaterThan(0);
    await restarted.dispatch();
    await until('CUPS idle', () => unfinished() === '');
    await sleep(500);
    expect(cupsd.copies(title)).toBe(1);
  });

  it('the node process SIGKILLed right after lp said the job id: the id was already on record, the job is adopted', async () => {
    t = makeTestKiosk();
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', CHILD, t.dbPath, t.keyPath, QUEUE, 'die-on-job-id'], {
      env: cupsd.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise((r) => child.once('exit', r));
    expect(child.signalCode).toBe('SIGKILL');
    const [row] = t.db.prepare('SELECT id, state, cups_job FROM print_jobs').all() as {
      id: Buffer;
      state: string;
      cups_job: number | null;
    }[];
    // Recorded before lp had even exited.
    expect(row!.state).toBe('sending');
    expect(row!.cups_job).toBeGreaterThan(0);
    const title = jobTitle(row!.id);
    await until('the copy', () => cupsd.copies(title) === 1);
    await until('CUPS idle', () => unfinished() === '');
    const [done] = await t.kiosk.printService(createCupsDriver()).waitFor([idToString(row!.id)], { timeoutMs: 15_000 });
    expect(done).toMatchObject({ state: 'completed', spoolerJob: row!.cups_job });
    await sleep(500);
    expect(cupsd.copies(title)).toBe(1);
  });

  it('cupsd SIGKILLed just after the job was sent: it printed, CUPS forgot it; recorded "outcome unknown", never failed or resent', async () => {
    t = makeTestKiosk();
    const service = t.kiosk.printService(createCupsDriver());
    cupsd.setBackendDelay(1.5); // the printer is still busy with it when cupsd dies
    const [job] = await service.print({ printer: QUEUE, files: [{ path: spoolFile('a.pdf'), document: '住民異動届' }] });
    expect(job).toMatchObject({ state: 'sent' });
    await cupsd.kill();
    const title = jobTitle(idFromString(job!.id));
    // The backend outlives cupsd and prints the copy.
    await until('the orphaned copy', () => cupsd.copies(title) === 1);
    cupsd.setBackendDelay(0);
    await cupsd.start();
    expect(await createCupsDriver().job(QUEUE, job!.spoolerJob!)).toBeNull(); // CUPS has forgotten it

    const [after] = await service.waitFor([job!.id], { timeoutMs: 5_000 });
    expect(after).toMatchObject({ state: 'outcome-unknown', error: 'printer/outcome-unknown', spoolerJob: job!.spoolerJob });
    // Nothing sends it again, however often the dispatcher runs.
    await service.dispatch();
    await t.kiosk.printService(createCupsDriver()).dispatch();
    await sleep(500);
    expect(cupsd.copies(title)).toBe(1);
    expect(service.job(job!.id).state).toBe('outcome-unknown');
    // Staff looked at the printer: it printed.
    expect(service.resolveOutcome(job!.id, 'printed')).toMatchObject({ state: 'completed', error: null });
    expect(() => service.resolveOutcome(job!.id, 'not-printed')).toThrow(expect.objectContaining({ code: 'printer/outcome-known' }));
  });

  it('cupsd SIGKILLed after a job was sent, and CUPS gives its id to the next job: that job is not taken for ours', async () => {
    t = makeTestKiosk();
    const service = t.kiosk.printService(createCupsDriver());
    cupsd.setBackendDelay(1.5);
    const [job] = await service.print({ printer: QUEUE, files: [{ path: spoolFile('b.pdf'), document: '国民健康保険異動届' }] });
    expect(job).toMatchObject({ state: 'sent' });
    await cupsd.kill();
    const title = jobTitle(idFromString(job!.id));
    await until('the orphaned copy', () => cupsd.copies(title) === 1);
    cupsd.setBackendDelay(0);
    await cupsd.start();
    // Another program prints to another queue, which is paused: its job waits, under our old id.
    cupsd.tool('cupsdisable', OTHER);
    const reply = cupsd.tool('lp', '-d', OTHER, '-t', 'other-program', '--', spoolFile('other.pdf'));
    expect(reply).toContain(`request id is ${OTHER}-${job!.spoolerJob} `); // the id was handed out again

    const [after] = await service.waitFor([job!.id], { timeoutMs: 5_000 });
    expect(after).toMatchObject({ state: 'outcome-unknown', error: 'printer/outcome-unknown' });
    // Staff looked: it did not print (say). The job fails, a person may reprint it: one more copy, on request.
    expect(service.resolveOutcome(job!.id, 'not-printed')).toMatchObject({ state: 'failed', error: 'printer/not-printed' });
    const again = await service.reprint(job!.id);
    const [reprinted] = await service.waitFor([again.id], { timeoutMs: 15_000 });
    expect(reprinted!.state).toBe('completed');
    expect(cupsd.copies(title)).toBe(1);
    expect(cupsd.copies(jobTitle(idFromString(again.id)))).toBe(1);
  });

  it('cupsd stopped: "the print service is not running" (not "printer not found"); held, and printed once when it runs again', async () => {
    t = makeTestKiosk();
    const real = createCupsDriver();
    const service = t.kiosk.printService(real);
    const notices: PrintEvent[] = [];
    service.onEvent((e) => e.type !== 'job' && notices.push(e));
    await cupsd.stop();

    const [job] = await service.print({ printer: QUEUE, files: [{ path: spoolFile('c.pdf') }] });
    expect(job).toMatchObject({ state: 'queued', heldReason: 'service-not-running' });
    expect(notices[0]).toMatchObject({ type: 'printer-unavailable', reason: 'service-not-running' });
    const notice = notices[0] as { message: string; messageEn: string };
    expect(notice.message).toContain('印刷サービス（CUPS）が動いていません');
    expect(notice.message).toContain('systemctl start cups');
    expect(notice.messageEn).toContain('not running');
    expect(await service.status(QUEUE)).toMatchObject({ state: 'service-not-running', heldJobs: 1 });
    // The console's status bar: the state, and what to do.
    const app = createAppServices({
      dataDir: join(t.dir, 'app'),
      info: { name: 't', version: '0', demoMode: false, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 },
      printer: new PrintServiceAdapter(service, QUEUE, join(t.dir, 'spool')),
      kdf: { N: 2 ** 10, r: 8, p: 1 },
    });
    const status = await handle(createHandlers(app), 'status:get', {}, { screen: 'staff' });
    await app.close();
    expect(status).toMatchObject({
      ok: true,
      value: { printer: { state: 'service-not-running', problem: { code: 'printer/service-not-running' } } },
    });
    expect(JSON.stringify(status)).toContain('systemctl start cups');
    await expect(real.printer(QUEUE)).rejects.toMatchObject({ code: 'printer/service-not-running' });

    // cupsd stops between the printer check and lp: lp says "does not exist", which is not the printer's fault.
    const racing: PrinterDriver = {
      ...real,
      printer: async () => ({ name: QUEUE, state: 'idle', accepting: true, reasons: [], info: '', isDefault: false }),
    };
    const [raced] = await t.kiosk.printService(racing).print({ printer: QUEUE, files: [{ path: spoolFile('d.pdf') }] });
    expect(raced).toMatchObject({ state: 'queued', heldReason: 'service-not-running' });

    // The CLI says the same.
    const cli = spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', join(ROOT, 'main/cli/kiosk.ts'), 'printers', '--json'],
      {
        encoding: 'utf8',
        env: cupsd.env,
      },
    );
    expect(cli.status).toBe(3);
    expect(JSON.parse(cli.stdout).error).toBe('printer/service-not-running');

    await cupsd.start();
    const done = await service.waitFor([job!.id, raced!.id], { timeoutMs: 15_000 });
    expect(done.map((j) => j.state)).toEqual(['completed', 'completed']);
    expect(notices.at(-1)).toEqual({ type: 'printer-available', printer: QUEUE });
    await sleep(300);
    expect(cupsd.copies(jobTitle(idFromString(job!.id)))).toBe(1);
    expect(cupsd.copies(jobTitle(idFromString(raced!.id)))).toBe(1);
    // A queue CUPS does not know, with cupsd running, is still "printer not found".
    const [missing] = await service.print({ printer: 'KioskNoSuchQueue', files: [{ path: spoolFile('e.pdf') }] });
    expect(missing).toMatchObject({ state: 'queued', heldReason: 'printer-missing' });
    expect(getPrintJob(t.db, idFromString(missing!.id))?.held_reason).toBe('printer-missing');
  });
});
