// The outbox file's migrations, in order. Frozen: add a new numbered file, never edit one.
import type { Migration } from '../db/migration.ts';
import { outboxPushed } from './migrations/0001-outbox.ts';
import { outboxLeases } from './migrations/0002-leases.ts';
import { outboxRefused } from './migrations/0003-refused.ts';
import { outboxSettled } from './migrations/0004-settled.ts';

export const outboxMigrations: readonly Migration[] = [outboxPushed, outboxLeases, outboxRefused, outboxSettled];
