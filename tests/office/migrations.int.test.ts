// The office database's schema steps on a real PostgreSQL: one test per migration.
// Each migration is frozen; a new step gets its own test here.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskError } from '../../domain/errors.ts';
import { LATEST_OFFICE_VERSION, migrateOffice, officeSchemaVersion, OFFICE_MIGRATIONS } from '../../office/migrations.ts';
import { startTestPostgres, type TestPostgres } from './support/postgres.ts';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: await postgres.database() });
  await client.connect();
  return client;
}

async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('office migrations', () => {
  it('lists the steps in order, numbered from 1 without gaps', () => {
    expect(OFFICE_MIGRATIONS.map((m) => m.version)).toEqual(OFFICE_MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_OFFICE_VERSION).toBe(OFFICE_MIGRATIONS.length);
  });

  it('0001 office core: log, tickets, leases and machines; events append-only; one number per office, day and category', async () => {
    const db = await connect();
    try {
      expect(await officeSchemaVersion(db)).toBe(0);
      expect(await migrateOffice(db, 1)).toEqual([1]);
      expect(await officeSchemaVersion(db)).toBe(1);
      await db.query(`INSERT INTO offices (office_id) VALUES ('sapporo-chuo'), ('chiba-chuo')`);
      const event = `INSERT INTO events (office_id, seq, id, visit_id, kind, at, counter, staff, category, ticket, source, machine)
        VALUES ($1, $2, $3, $4, 'ticket-issued', now(), NULL, 'S0412', 'tennyu', 'A-001', 'office', 'reception')`;
      await db.query(event, ['sapporo-chuo', 1, '01950000-0000-7000-8000-000000000001', '01950000-0000-7000-8000-0000000000a1']);
      // The same event id twice, or the same sequence twice in one office, is refused.
      expect(
        await sqlState(
          db.query(event, ['sapporo-chuo', 2, '01950000-0000-7000-8000-000000000001', '01950000-0000-7000-8000-0000000000a1']),
        ),
      ).toBe('23505');
      expect(
        await sqlState(
          db.query(event, ['sapporo-chuo', 1, '01950000-0000-7000-8000-000000000002', '01950000-0000-7000-8000-0000000000a1']),
        ),
      ).toBe('23505');
      // Another office has its own sequence.
      await db.query(event, ['chiba-chuo', 1, '01950000-0000-7000-8000-000000000003', '01950000-0000-7000-8000-0000000000a2']);
      // Append-only: no UPDATE, DELETE or TRUNCATE.
      expect(await sqlState(db.query(`UPDATE events SET kind = 'called'`))).toBe('23001');
      expect(await sqlState(db.query(`DELETE FROM events`))).toBe('23001');
      expect(await sqlState(db.query(`TRUNCATE events`))).toBe('23001');
      // Codes only: free text (a name) cannot go into a code column.
      expect(
        await sqlState(
          db.query(event.replace(`'S0412'`, `'髙橋 健太郎'`), [
            'sapporo-chuo',
            3,
            '01950000-0000-7000-8000-000000000004',
            '01950000-0000-7000-8000-0000000000a1',
          ]),
        ),
      ).toBe('23514');

      const ticket = `INSERT INTO tickets (id, office_id, day, category, number, label, pool, state, issued_at)
        VALUES ($1, 'sapporo-chuo', $2, 'tennyu', $3, $4, 'tennyu', 'waiting', now())`;
      await db.query(ticket, ['01950000-0000-7000-8000-0000000000b1', '2026-03-30', 12, 'A-012']);
      expect(await sqlState(db.query(ticket, ['01950000-0000-7000-8000-0000000000b2', '2026-03-30', 12, 'A-012']))).toBe('23505');
      // The next day starts again at the same number.
      await db.query(ticket, ['01950000-0000-7000-8000-0000000000b3', '2026-03-31', 12, 'A-012']);
      // A called ticket must say when.
      expect(
        await sqlState(
          db.query(`INSERT INTO tickets (id, office_id, day, category, number, label, pool, state, issued_at)
            VALUES ('01950000-0000-7000-8000-0000000000b4', 'sapporo-chuo', '2026-03-30', 'tennyu', 13, 'A-013', 'tennyu', 'called', now())`),
        ),
      ).toBe('23514');
      expect(await sqlState(db.query(`INSERT INTO number_leases VALUES ('sapporo-chuo', '2026-03-30', 'tennyu', '3', 300, 299)`))).toBe(
        '23514',
      );

      // Running again applies nothing.
      expect(await migrateOffice(db, 1)).toEqual([]);
    } finally {
      await db.end();
    }
  });

  it('0002 offline flags: the flags a merge raises, naming the ticket; flags raised before it are kept', async () => {
    const db = await connect();
    try {
      await migrateOffice(db, 1);
      await db.query(`INSERT INTO offices (office_id) VALUES ('sapporo-chuo')`);
      const flag = `INSERT INTO sync_flags (office_id, kind, event_id, machine, pushed) VALUES ('sapporo-chuo', $1, '01950000-0000-7000-8000-000000000001', '7', '{}')`;
      await db.query(flag, ['event-conflict']);
      expect(await sqlState(db.query(flag, ['double-call']))).toBe('23514');
      expect(await migrateOffice(db, 2)).toEqual([2]);
      const { rows } = await db.query(`SELECT kind, ticket FROM sync_flags`);
      expect(rows).toEqual([{ kind: 'event-conflict', ticket: null }]);
      for (const kind of ['outside-lease', 'number-collision', 'double-call', 'wrong-counter']) await db.query(flag, [kind]);
      expect(await sqlState(db.query(flag, ['lost']))).toBe('23514');
      await db.query(`UPDATE sync_flags SET ticket = 'A-302' WHERE kind = 'double-call'`);
      expect(await sqlState(db.query(`UPDATE sync_flags SET ticket = '髙橋' WHERE kind = 'double-call'`))).toBe('23514');
    } finally {
      await db.end();
    }
  });

  it('0003 stages: a ticket waiting before it keeps its place (waiting since its issue) at the counter stage; events record a stage', async () => {
    const db = await connect();
    try {
      await migrateOffice(db, 2);
      await db.query(`INSERT INTO offices (office_id) VALUES ('sapporo-chuo')`);
      await db.query(
        `INSERT INTO tickets (id, office_id, day, category, number, label, pool, state, issued_at)
         VALUES ('01950000-0000-7000-8000-0000000000a1', 'sapporo-chuo', '2026-03-30', 'tennyu', 12, 'A-012', 'tennyu', 'waiting', '2026-03-30T09:15:00+09')`,
      );
      expect(await migrateOffice(db, 3)).toEqual([3]);
      const { rows } = await db.query(`SELECT stage, waiting_since = issued_at AS same FROM tickets`);
      expect(rows).toEqual([{ stage: 'counter', same: true }]);
      expect(await sqlState(db.query(`UPDATE tickets SET stage = 'archive'`))).toBe('23514');
      expect(await sqlState(db.query(`UPDATE tickets SET waiting_since = NULL`))).toBe('23502');
      const event = `INSERT INTO events (office_id, seq, id, visit_id, kind, at, stage, source, machine)
        VALUES ('sapporo-chuo', $1, $2, '01950000-0000-7000-8000-0000000000a1', 'handed-over', now(), $3, 'office', '3')`;
      await db.query(event, [1, '01950000-0000-7000-8000-000000000001', 'processing']);
      await db.query(event, [2, '01950000-0000-7000-8000-000000000002', null]);
      expect(await sqlState(db.query(event, [3, '01950000-0000-7000-8000-000000000003', 'lobby']))).toBe('23514');
      // A counter's event names the forms its visit handed in: codes joined by '+', never free text.
      const withForms = `INSERT INTO events (office_id, seq, id, visit_id, kind, at, forms, source, machine)
        VALUES ('sapporo-chuo', $1, $2, '01950000-0000-7000-8000-0000000000a1', 'submitted', now(), $3, 'counter', '3')`;
      await db.query(withForms, [4, '01950000-0000-7000-8000-000000000004', 'jumin-ido+kokuho-ido']);
      expect(await sqlState(db.query(withForms, [5, '01950000-0000-7000-8000-000000000005', '佐藤 健一']))).toBe('23514');
    } finally {
      await db.end();
    }
  });

  it('0004 floor: the estimate given with a ticket, per-ticket floor facts and a daily rollup whose histograms add bucket by bucket', async () => {
    const db = await connect();
    try {
      await migrateOffice(db, 3);
      await db.query(`INSERT INTO offices (office_id) VALUES ('sapporo-chuo')`);
      const ticket = '01950000-0000-7000-8000-0000000000a1';
      await db.query(
        `INSERT INTO tickets (id, office_id, day, category, number, label, pool, state, issued_at, waiting_since)
         VALUES ($1, 'sapporo-chuo', '2026-03-30', 'tennyu', 12, 'A-012', 'tennyu', 'waiting', '2026-03-30T09:15:00+09', '2026-03-30T09:15:00+09')`,
        [ticket],
      );
      expect(await migrateOffice(db, 4)).toEqual([4]);
      // A ticket issued before v4 has no estimate: it is not counted in the estimate's accuracy.
      expect((await db.query(`SELECT estimated_wait_s FROM tickets`)).rows).toEqual([{ estimated_wait_s: null }]);
      await db.query(`UPDATE tickets SET estimated_wait_s = 540`);
      expect(await sqlState(db.query(`UPDATE tickets SET estimated_wait_s = -1`))).toBe('23514');
      const visit = `INSERT INTO floor_visits (ticket_id, office_id, day, label, hour, category, issued_at, forms)
        VALUES ($1, 'sapporo-chuo', '2026-03-30', 'A-012', 9, 'tennyu', '2026-03-30T09:15:00+09', $2)`;
      expect(await sqlState(db.query(visit, [ticket, '佐藤 健一']))).toBe('23514');
      await db.query(visit, [ticket, 'jumin-ido+kokuho-ido']);
      // A floor fact names a real ticket.
      expect(await sqlState(db.query(visit, ['01950000-0000-7000-8000-0000000000ff', null]))).toBe('23503');
      const cell = `INSERT INTO floor_cells AS c (office_id, day, dim, key, metric, n, sum, max, hist)
        VALUES ('sapporo-chuo', '2026-03-30', $1, $2, 'wait-counter', $3, $4, $5, $6)
        ON CONFLICT (office_id, day, dim, key, metric) DO UPDATE SET n = c.n + EXCLUDED.n, sum = c.sum + EXCLUDED.sum,
          max = greatest(c.max, EXCLUDED.max), hist = floor_add_hist(c.hist, EXCLUDED.hist)`;
      await db.query(cell, ['hour', '09', 1, 420, 420, '{0,0,0,0,0,0,0,1}']);
      await db.query(cell, ['hour', '09', 2, 150, 90, '{1,1}']);
      expect((await db.query(`SELECT n::int, sum, max, hist FROM floor_cells`)).rows).toEqual([
        { n: 3, sum: 570, max: 420, hist: [1, 1, 0, 0, 0, 0, 0, 1] },
      ]);
      // Keys are codes: a name cannot be written into the rollup.
      expect(await sqlState(db.query(cell, ['counter', '佐藤', 1, 60, 60, '{0,1}']))).toBe('23514');
      expect(await sqlState(db.query(cell, ['person', '1', 1, 60, 60, '{0,1}']))).toBe('23514');
    } finally {
      await db.end();
    }
  });

  it('0005 page machines: reception, processing and delivery roles; machines before it kept; codes and sessions as digests only', async () => {
    const db = await connect();
    try {
      await migrateOffice(db, 4);
      await db.query(`INSERT INTO offices (office_id) VALUES ('sapporo-chuo')`);
      const machine = `INSERT INTO machines (office_id, machine_id, role, token_sha256) VALUES ('sapporo-chuo', $1, $2, decode(repeat('ab', 32), 'hex'))`;
      await db.query(machine, ['3', 'counter']);
      await db.query(machine, ['sv1', 'supervisor']);
      expect(await sqlState(db.query(machine, ['R1', 'reception']))).toBe('23514');
      expect(await migrateOffice(db, 5)).toEqual([5]);
      const { rows } = await db.query(`SELECT machine_id, role FROM machines ORDER BY machine_id`);
      expect(rows).toEqual([
        { machine_id: '3', role: 'counter' },
        { machine_id: 'sv1', role: 'supervisor' },
      ]);
      for (const [id, role] of [
        ['R1', 'reception'],
        ['P1', 'processing'],
        ['21', 'delivery'],
      ])
        await db.query(machine, [id, role]);
      expect(await sqlState(db.query(machine, ['K1', 'kiosk']))).toBe('23514');
      const digest = (n: number) => Buffer.alloc(32, n);
      await db.query(
        `INSERT INTO sign_in_codes (code_sha256, office_id, machine_id, expires_at) VALUES ($1, 'sapporo-chuo', 'R1', '2026-12-04T00:00:00+09')`,
        [digest(1)],
      );
      // A code or session is a SHA-256 digest, never the secret itself.
      expect(
        await sqlState(
          db.query(`INSERT INTO sign_in_codes (code_sha256, office_id, machine_id, expires_at) VALUES ($1, 'sapporo-chuo', 'R1', now())`, [
            Buffer.from('plain-code'),
          ]),
        ),
      ).toBe('23514');
      const session = `INSERT INTO page_sessions (session_sha256, office_id, machine_id, staff, expires_at) VALUES ($1, 'sapporo-chuo', $2, $3, '2026-12-04T00:00:00+09')`;
      await db.query(session, [digest(2), 'R1', 'R001']);
      // The staff column holds a code: a name is refused; a session of an unknown machine too.
      expect(await sqlState(db.query(session, [digest(3), 'R1', '佐藤 健一']))).toBe('23514');
      expect(await sqlState(db.query(session, [digest(4), 'R9', 'R001']))).toBe('23503');
      // A machine removed takes its codes and sessions with it.
      await db.query(`DELETE FROM machines WHERE machine_id = 'R1'`);
      const left = await db.query(
        `SELECT (SELECT count(*) FROM sign_in_codes)::int AS codes, (SELECT count(*) FROM page_sessions)::int AS sessions`,
      );
      expect(left.rows[0]).toEqual({ codes: 0, sessions: 0 });
    } finally {
      await db.end();
    }
  });

  it('refuses a database written by a newer office service, and changes nothing', async () => {
    const db = await connect();
    try {
      await migrateOffice(db);
      await db.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')`, [LATEST_OFFICE_VERSION + 1]);
      const error = await migrateOffice(db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KioskError);
      expect((error as KioskError).code).toBe('office/newer-schema');
      expect(await officeSchemaVersion(db)).toBe(LATEST_OFFICE_VERSION + 1);
    } finally {
      await db.end();
    }
  });

  it('applies each step once when several services start together', async () => {
    const url = await postgres.database();
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        return client;
      }),
    );
    try {
      const applied = await Promise.all(clients.map((client) => migrateOffice(client)));
      expect(applied.flat().sort()).toEqual(OFFICE_MIGRATIONS.map((m) => m.version));
      const { rows } = await clients[0]!.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0].n).toBe(LATEST_OFFICE_VERSION);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });
});
