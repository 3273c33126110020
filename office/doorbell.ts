// LISTEN/NOTIFY as a doorbell: a committed write rings `office_events` with the office and its
// newest sequence, and every subscriber (the SSE streams) hears only that number and re-reads by
// cursor. One dedicated connection listens; if it drops, it is opened again, and subscribers are
// told the head once it is back, so a doorbell missed while it was down is never a missed event.
import type pg from 'pg';
import { createClient } from './database.ts';
import { NOTIFY_CHANNEL } from './store.ts';

export interface Doorbell {
  subscribe(listener: (seq: number) => void): () => void;
  close(): Promise<void>;
}

export async function openDoorbell(databaseUrl: string, office: string, head: () => Promise<number>): Promise<Doorbell> {
  const listeners = new Set<(seq: number) => void>();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const ring = (seq: number): void => {
    for (const listener of listeners) listener(seq);
  };

  async function connect(): Promise<void> {
    const next = createClient(databaseUrl);
    next.on('notification', (message) => {
      if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
      try {
        const { office: from, seq } = JSON.parse(message.payload) as { office: string; seq: number };
        if (from === office && Number.isSafeInteger(seq)) ring(seq);
      } catch {
        // Not ours: ignore.
      }
    });
    next.on('error', () => reconnect(next));
    next.on('end', () => reconnect(next));
    await next.connect();
    await next.query(`LISTEN ${NOTIFY_CHANNEL}`);
    client = next;
  }

  function reconnect(old: pg.Client): void {
    if (closed || client !== old) return;
    client = null;
    old.end().catch(() => undefined);
    const attempt = (): void => {
      retry = null;
      if (closed) return;
      connect()
        .then(() => head().then(ring))
        .catch(() => {
          retry = setTimeout(attempt, 1000);
        });
    };
    retry = setTimeout(attempt, 200);
  }

  await connect();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listeners.clear();
      await client?.end().catch(() => undefined);
    },
  };
}
