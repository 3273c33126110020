// One counter as an OS process of its own, for the office's crash test: its own kiosk SQLite (a
// real file under its own key), visits through the real queue, and the real outbox worker pushing
// the kiosk's event log to the office service, retrying while the service is down. When every
// event has been answered for, it prints one JSON line with the ids of its events (ids only).
//   node counter-process.ts <officeUrl> <token> <counter> <visits>
import { join } from 'node:path';
import { idToString } from '../../../main/queue/ids.ts';
import { openOutbox, startOutboxWorker } from '../../../main/sync/outbox.ts';
import { makeTestKiosk, MINUTE, residents } from '../../main/support/kiosk-fixtures.ts';

const [officeUrl = '', token = '', counter = '', visits = '0'] = process.argv.slice(2);
const t = makeTestKiosk({ start: Date.parse('2026-03-30T09:00:00+09:00') });
const outbox = openOutbox({
  kioskPath: t.dbPath,
  outboxPath: join(t.dir, 'office-outbox.sqlite'),
  officeUrl,
  token,
  batchSize: 10,
  timeoutMs: 2000,
});
const worker = startOutboxWorker(outbox, { intervalMs: 20, maxBackoffMs: 200 });
const staff = { counter, staffId: `S0${counter.padStart(3, '0')}` };
const pause = () => new Promise((done) => setTimeout(done, 5));

for (let i = 0; i < Number(visits); i++) {
  const q = t.kiosk.queue;
  const request = q.enqueue({ category: i % 3 === 0 ? 'tenshutsu' : 'tennyu', forms: ['jumin-ido'], resident: residents.takahashi });
  t.clock.now += MINUTE;
  q.advance(request.id, 'forms-printed');
  q.advance(request.id, 'submitted');
  q.advance(request.id, 'processing-started', staff);
  t.clock.now += 2 * MINUTE;
  q.advance(request.id, 'completed', staff);
  worker.kick();
  await pause();
}
while (outbox.pending() > 0) await new Promise((done) => setTimeout(done, 50));
await worker.stop();
const ids = (t.db.prepare('SELECT id FROM request_events').pluck().all() as Buffer[]).map(idToString);
outbox.close();
t.cleanup();
process.stdout.write(`${JSON.stringify({ counter, ids })}\n`);
