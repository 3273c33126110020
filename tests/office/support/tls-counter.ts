// A counter's office client in a process of its own (trust is per process): pushes one event and
// pulls the log over https://, and prints one JSON line with what it got or the error code.
// argv[2]: {"url", "token", "event", "caFile"?}; caFile: trust it as the counter app does
// (office.service.caFile), otherwise only the process's defaults (NODE_EXTRA_CA_CERTS, if set).
import { readFileSync } from 'node:fs';
import { isKioskError } from '../../../domain/errors.ts';
import type { OfficeEvent } from '../../../domain/office.ts';
import { createOfficeClient, trustOfficeCa } from '../../../main/sync/office-client.ts';

const input = JSON.parse(process.argv[2] ?? '{}') as { url: string; token: string; event: OfficeEvent; caFile?: string };
try {
  if (input.caFile) trustOfficeCa(readFileSync(input.caFile, 'utf8'));
  const client = createOfficeClient({ url: input.url, token: input.token });
  const pushed = await client.push([input.event]);
  const pulled = await client.pull(0, 100);
  process.stdout.write(`${JSON.stringify({ pushed: pushed.results, pulled: pulled.events.map((e) => e.id) })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: isKioskError(error) ? error.code : 'not-a-kiosk-error' })}\n`);
}
