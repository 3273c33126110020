// A mistyped role (supervisr) for `add-machine` used to become 'counter' and, as add-machine
// overwrites, silently re-key or demote an existing supervisor machine. It is refused at once,
// before any database is opened.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../domain/error-catalogue.ts';

describe('office add-machine', () => {
  it('refuses an unknown role with a usage error, before opening a database', () => {
    const run = spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'office/server.ts', 'add-machine', 'sv1', 'supervisr'],
      {
        // A database that does not answer: the old code would try it and fail otherwise (or hang).
        env: { ...process.env, DATABASE_URL: 'postgres://kiosk@127.0.0.1:9/none', OFFICE_ID: 'sapporo-chuo' },
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(JSON.parse(run.stderr.trim().split('\n').at(-1)!)).toMatchObject({ error: 'cli/usage' });
    expect(run.status).toBe(ERROR_CATALOGUE['cli/usage'].exit);
    expect(run.stdout).toBe('');
  });
});

describe('office service start-up', () => {
  it('refuses a shared database (DATABASE_URL) without OFFICE_ID: two offices on the default would become one hall', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: 'postgres://kiosk@127.0.0.1:9/none' };
    delete env.OFFICE_ID;
    const run = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', 'office/server.ts'], {
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    const error = JSON.parse(run.stderr.trim().split('\n').at(-1)!) as { error: string; message: string };
    expect(error).toMatchObject({ error: 'app/config-invalid' });
    expect(error.message).toMatch(/OFFICE_ID/);
    expect(run.status).toBe(ERROR_CATALOGUE['app/config-invalid'].exit);
  });
});
