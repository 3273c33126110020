// The shape of one migration step (kiosk database, audit log).
import type { Db } from './statements.ts';

/**
 * One frozen schema step. A migration holds its own SQL (and any backfill code) and imports no
 * application code: what it does to a file must never change after it has shipped.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}
