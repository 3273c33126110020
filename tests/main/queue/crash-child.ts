// Child process of crash.test.ts: enqueues and advances requests as fast as it can and prints
// one line per committed write ("ACK" = acknowledged) until it is killed with SIGKILL.
import { writeSync } from 'node:fs';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import { openKioskDatabase } from '../../../main/services/kiosk-database.ts';
import type { EventKind } from '../../../main/queue/lifecycle.ts';

const [dbPath, keyPath, seedText] = process.argv.slice(2);
let seed = Number(seedText ?? 1) >>> 0;
const rand = () => {
  seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
  return seed / 4294967296;
};
const kiosk = openKioskDatabase({ path: dbPath!, keyProvider: createFileKeyProvider(keyPath!) });
const ack = (text: string) => writeSync(1, `${text}\n`);
ack('READY');

const NEXT: Partial<Record<string, EventKind>> = {
  received: 'forms-printed',
  'forms-printed': 'submitted',
  submitted: 'processing-started',
  processing: 'called',
  ready: 'completed',
};
const open: string[] = kiosk.queue.live().map((r) => r.id);
for (;;) {
  if (open.length < 5 || rand() < 0.3) {
    const r = kiosk.queue.enqueue({
      category: rand() < 0.5 ? 'tennyu' : 'certificate',
      forms: ['jumin-ido'],
      resident: { name: '𠮷田 髙﨑', address: '東京都千代田区霞が関一丁目一番一号 中央合同庁舎' },
    });
    open.push(r.id);
    ack(`ENQ ${r.id} ${r.day} ${r.ticket}`);
  } else {
    const index = Math.floor(rand() * open.length);
    const id = open[index]!;
    const current = kiosk.queue.get(id);
    const kind = rand() < 0.05 ? 'cancelled' : NEXT[current.state]!;
    const r = kiosk.queue.advance(id, kind, { counter: String(1 + Math.floor(rand() * 4)), staffId: 'crash01' });
    if (r.state === 'completed' || r.state === 'cancelled') open.splice(index, 1);
    ack(`ADV ${r.id} ${kiosk.queue.events(id).length} ${r.state}`);
  }
}
