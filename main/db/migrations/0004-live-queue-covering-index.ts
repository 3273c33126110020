// v4: the live-queue index covers the dashboard's and the estimate's columns.
import type { Migration } from '../migration.ts';

export const liveQueueCoveringIndex: Migration = {
  version: 4,
  name: 'covering index for the live queue (dashboard and estimate read no table rows)',
  up(db) {
    db.exec(`
      DROP INDEX requests_live;
      CREATE INDEX requests_live ON requests (state, received_at, category, counter)
        WHERE state IN ('received', 'forms-printed', 'submitted', 'processing', 'ready');
    `);
  },
};
