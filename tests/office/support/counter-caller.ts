// One counter as an OS process of its own, for the call-next race: its own kiosk SQLite and outbox
// file, the app's own office ticket code (main/sync/office-tickets.ts, which also tops up its
// leased numbers behind each call), calling the next ticket until none is left. Prints one JSON
// line with the ticket ids it called, in order.
//   node counter-caller.ts <officeUrl> <token> <counter>
import { join } from 'node:path';
import { createOfficeClient } from '../../../main/sync/office-client.ts';
import { createOfficeTickets } from '../../../main/sync/office-tickets.ts';
import { openOutbox } from '../../../main/sync/outbox.ts';
import { makeTestKiosk } from '../../main/support/kiosk-fixtures.ts';

const [officeUrl = '', token = '', counter = ''] = process.argv.slice(2);
const t = makeTestKiosk();
const outbox = openOutbox({ kioskPath: t.dbPath, outboxPath: join(t.dir, 'office-outbox.sqlite'), officeUrl, token });
const tickets = createOfficeTickets({ client: createOfficeClient({ url: officeUrl, token, timeoutMs: 10_000 }), outbox });
const called: { id: string; counter: string | null }[] = [];
for (;;) {
  const ticket = await tickets.callNext(['tennyu', 'tenshutsu'], { counter, staffId: `S${counter.padStart(4, '0')}` });
  if (!ticket) break;
  called.push({ id: ticket.id, counter: ticket.counter });
}
outbox.close();
t.cleanup();
process.stdout.write(`${JSON.stringify({ counter, called })}\n`);
