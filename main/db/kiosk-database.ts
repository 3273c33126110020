// The entry point the Electron main process, the CLI and the tests share: one database file,
// one key provider, and the services built over them.
import type { KeyProvider } from '../crypto/key-provider.ts';
import { QueueService } from '../queue/queue-service.ts';
import { StatsService } from '../stats/dashboard.ts';
import { closeDatabase, openDatabase, type Db } from './connection.ts';
import { KioskStore } from './store.ts';

export interface KioskDatabaseOptions {
  path: string;
  keyProvider: KeyProvider;
  clock?: () => number;
  retentionDays?: number;
  quickCheck?: boolean;
}

export interface KioskDatabase {
  readonly db: Db;
  readonly store: KioskStore;
  readonly queue: QueueService;
  readonly stats: StatsService;
  close(): void;
}

export function openKioskDatabase(options: KioskDatabaseOptions): KioskDatabase {
  const db = openDatabase(options.path, { quickCheck: options.quickCheck ?? false });
  const store = new KioskStore(db);
  const clock = options.clock ?? Date.now;
  const queueOptions = options.retentionDays === undefined ? { clock } : { clock, retentionDays: options.retentionDays };
  return {
    db,
    store,
    queue: new QueueService(store, options.keyProvider, queueOptions),
    stats: new StatsService(store, clock),
    close: () => closeDatabase(db),
  };
}
