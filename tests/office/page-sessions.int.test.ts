// Page machines (reception, processing, delivery) on a real PostgreSQL: a one-time sign-in link
// traded once for a session cookie that ends with the office day, the roles' limits, and one
// number's public status as it moves counter → processing → delivery.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ticketResponse, ticketStatusView } from '../../domain/office.ts';
import { officeDayStart } from '../../domain/office-time.ts';
import { issueSignInCode, registerMachine } from '../../office/machines.ts';
import { newUuidv7, OFFICE, useOfficePerTest, type Harness } from './support/office-harness.ts';

const { start, database } = useOfficePerTest();
/** The running test's service: the page helpers below speak to it. */
let office: Harness;

// 2026-12-03 15:40 JST: the session must end at midnight JST, 8 h 20 min later.
const AFTERNOON = officeDayStart('2026-12-03') + (15 * 60 + 40) * 60_000;
let clock = AFTERNOON;

interface Page {
  cookie: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
}

async function call(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${office.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

async function signInPage(machine: string, role: 'reception' | 'processing' | 'delivery', staff: string): Promise<Page> {
  await registerMachine(office.pool, OFFICE, machine, role);
  const { code } = await issueSignInCode(office.pool, OFFICE, machine, clock);
  const signed = await call('POST', '/v1/sign-in', { code, staff }, {});
  expect(signed.status).toBe(200);
  const cookie = (signed.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return {
    cookie,
    call: (method, path, body, headers = {}) => call(method, path, body, { cookie, 'x-office-page': '1', ...headers }),
  };
}

describe('page machines sign in with a one-time link', () => {
  it('trades the code once for an HttpOnly, SameSite=Strict cookie that ends with the office day', async () => {
    clock = AFTERNOON;
    office = await start({ now: () => clock });
    await registerMachine(office.pool, OFFICE, 'R1', 'reception');
    const { code, expiresAt } = await issueSignInCode(office.pool, OFFICE, 'R1', clock);
    expect(expiresAt).toBe(officeDayStart('2026-12-04'));

    const signed = await call('POST', '/v1/sign-in', { code, staff: 'R001' }, {});
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual({ machine: 'R1', role: 'reception', staff: 'R001', expiresAt, qr: false });
    const setCookie = signed.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^office_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=30000; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(';')[0] as string;

    // The link works once.
    const again = await call('POST', '/v1/sign-in', { code, staff: 'R001' }, {});
    expect(again.status).toBe(401);
    expect((again.body as { error: { message: string } }).error.message).toContain('使用済み');

    // The cookie alone is not enough: the page's own header must come with it (another site cannot send it).
    expect((await call('GET', '/v1/session', undefined, { cookie })).status).toBe(401);
    const session = await call('GET', '/v1/session', undefined, { cookie, 'x-office-page': '1' });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ machine: 'R1', role: 'reception', staff: 'R001' });

    // At midnight JST the session is over.
    clock = officeDayStart('2026-12-04') + 1000;
    const expired = await call('GET', '/v1/session', undefined, { cookie, 'x-office-page': '1' });
    expect(expired.status).toBe(401);
    expect((expired.body as { error: { message: string; messageEn: string } }).error.messageEn).toContain('expired');
    // And yesterday's link, had it not been used, would be dead too.
    clock = AFTERNOON;
    const { code: unused } = await issueSignInCode(office.pool, OFFICE, 'R1', clock);
    clock = officeDayStart('2026-12-04') + 1000;
    expect((await call('POST', '/v1/sign-in', { code: unused, staff: 'R001' }, {})).status).toBe(401);
  });

  it('a new sign-in ends the earlier session; re-keying the machine ends all; a page machine has no usable token', async () => {
    clock = AFTERNOON;
    office = await start({ now: () => clock });
    const first = await signInPage('R1', 'reception', 'R001');
    const { code } = await issueSignInCode(office.pool, OFFICE, 'R1', clock);
    const second = await call('POST', '/v1/sign-in', { code, staff: 'R002' }, {});
    const cookie2 = (second.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect((await first.call('GET', '/v1/session')).status).toBe(401);
    expect((await call('GET', '/v1/session', undefined, { cookie: cookie2, 'x-office-page': '1' })).status).toBe(200);
    const token = await registerMachine(office.pool, OFFICE, 'R1', 'reception');
    expect((await call('GET', '/v1/session', undefined, { cookie: cookie2, 'x-office-page': '1' })).status).toBe(401);
    // Its token (never printed) opens nothing.
    expect(
      (await call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: null }, { authorization: `Bearer ${token}` }))
        .status,
    ).toBe(401);
    // A counter machine gets no sign-in link.
    await office.counter('3');
    await expect(issueSignInCode(office.pool, OFFICE, '3', clock)).rejects.toMatchObject({ code: 'office/not-found' });
  });

  it('each page machine may do its own work only, and in the name of who signed it in', async () => {
    clock = AFTERNOON;
    office = await start({ now: () => clock });
    const reception = await signInPage('R1', 'reception', 'R001');
    const back = await signInPage('P1', 'processing', 'S2001');
    const delivery = await signInPage('21', 'delivery', 'S3001');
    const counter = await office.counter('3');

    const issued = await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' });
    expect(issued.status).toBe(200);
    expect((await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'S9999' })).status).toBe(403);
    expect((await reception.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'R001' })).status).toBe(403);
    expect((await reception.call('GET', '/v1/events?after=0')).status).toBe(403);
    expect((await reception.call('POST', '/v1/leases', { category: 'tennyu', size: 10 })).status).toBe(403);

    // The back office cannot call at the counter's stage; 交付 cannot take the back office's files.
    expect(
      (await back.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S2001', stage: 'counter' })).status,
    ).toBe(403);
    const called = await counter.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S1024' });
    expect(ticketResponse.parse(called.body).ticket?.number).toBe('A-001');
    await counter.call('POST', '/v1/tickets/A-001/hand-over', { id: newUuidv7(), staff: 'S1024', to: 'processing' });
    expect(
      (await delivery.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S3001', stage: 'processing' })).status,
    ).toBe(403);
    const taken = await back.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S2001', stage: 'processing' });
    expect(ticketResponse.parse(taken.body).ticket).toMatchObject({ number: 'A-001', stage: 'processing', counter: 'P1' });
    expect((await back.call('GET', '/v1/queue?stage=processing')).body).toMatchObject({
      stage: 'processing',
      current: { number: 'A-001' },
    });
    expect((await back.call('POST', '/v1/tickets/A-001/recall', { id: newUuidv7(), staff: 'S2001' })).status).toBe(403);
    expect((await back.call('POST', '/v1/tickets/A-001/hand-over', { id: newUuidv7(), staff: 'S2001', to: 'delivery' })).status).toBe(200);
    const call21 = await delivery.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S3001', stage: 'delivery' });
    expect(ticketResponse.parse(call21.body).ticket).toMatchObject({ number: 'A-001', stage: 'delivery', counter: '21' });
    expect((await delivery.call('POST', '/v1/tickets/A-001/transfer', { id: newUuidv7(), staff: 'S3001', to: 'other' })).status).toBe(403);
    expect((await delivery.call('POST', '/v1/tickets/A-001/complete', { id: newUuidv7(), staff: 'S3001' })).status).toBe(200);
  });
});

describe('npm run office -- add-machine R1 reception', () => {
  it('prints a one-time sign-in link, never a token; sign-in-link makes a new one the next morning', async () => {
    const databaseUrl = await database();
    const run = (...args: string[]) => {
      const result = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', 'office/server.ts', ...args], {
        env: { ...process.env, DATABASE_URL: databaseUrl, OFFICE_ID: OFFICE, OFFICE_PUBLIC_URL: 'https://office.sapporo-chuo.lan:8470' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout.trim()) as Record<string, string>;
    };
    const added = run('add-machine', 'R1', 'reception');
    expect(Object.keys(added).sort()).toEqual(['expiresAt', 'machine', 'role', 'signIn']);
    expect(added).toMatchObject({ machine: 'R1', role: 'reception' });
    expect(added.signIn).toMatch(/^https:\/\/office\.sapporo-chuo\.lan:8470\/sign-in#[A-Za-z0-9_-]{43}$/);
    const again = run('sign-in-link', 'R1');
    expect(again.signIn).not.toBe(added.signIn);
    // A counter still gets its token, and no link.
    expect(Object.keys(run('add-machine', '3'))).toEqual(['machine', 'role', 'token']);
    office = await start({}, databaseUrl);
    const code = (again.signIn as string).split('#')[1];
    expect((await call('POST', '/v1/sign-in', { code, staff: 'R001' }, {})).status).toBe(200);
  });
});

describe('one number’s public status', () => {
  it('says where the number is in words, how many wait before it and what is likely still to wait; numbers only', async () => {
    clock = AFTERNOON;
    office = await start({ now: () => clock });
    const reception = await office.counter('R9');
    const c3 = await office.counter('3');
    const p1 = await office.counter('P9');
    const d21 = await office.counter('21');
    for (let i = 0; i < 4; i++) {
      await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tenkyo', staff: 'R001' });
      clock += 1000;
    }
    const status = async (number: string) => {
      const r = await call('GET', `/v1/status/${number}`, undefined, {});
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      return ticketStatusView.parse(r.body);
    };
    let s = await status('C-003');
    expect(s).toMatchObject({ phase: 'waiting', stage: 'counter', ahead: 2, counter: null, estimatedWaitMinutes: null });
    expect(s.words.ja).toBe('受付済みです。番号をお呼びするまでお待ちください。');
    expect(s.words.en).toBe('You are checked in. Please wait until your number is called.');
    expect(Object.keys(s)).not.toContain('id');

    // Two calls, 10 and 12 minutes after the issue: C-003 has waited 12 minutes of the usual 10–12.
    clock += 10 * 60_000;
    await c3.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tenkyo'], staff: 'S1024' });
    clock += 2 * 60_000;
    await c3.call('POST', '/v1/tickets/C-001/complete', { id: newUuidv7(), staff: 'S1024' });
    await c3.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tenkyo'], staff: 'S1024' });
    s = await status('C-003');
    expect(s).toMatchObject({ phase: 'waiting', ahead: 0 });
    expect(s.estimatedWaitMinutes).toEqual({ low: 0, high: 5 });
    await c3.call('POST', '/v1/tickets/C-002/complete', { id: newUuidv7(), staff: 'S1024' });

    await c3.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tenkyo'], staff: 'S1024' });
    s = await status('C-003');
    expect(s).toMatchObject({ phase: 'called', counter: '3', ahead: null });
    expect(s.words.ja).toBe('窓口でお呼びしています。3番窓口へお越しください。');
    expect(s.words['ja-Hira']).toBe('いま よんで います。3番窓口へ きて ください。');

    await c3.call('POST', '/v1/tickets/C-003/hand-over', { id: newUuidv7(), staff: 'S1024', to: 'processing' });
    expect((await status('C-003')).phase).toBe('processing');
    await p1.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tenkyo'], staff: 'S2001', stage: 'processing' });
    // Taken by the back office: still 手続き中, and no window named (the resident is not called).
    s = await status('C-003');
    expect(s).toMatchObject({ phase: 'processing', counter: null });
    await p1.call('POST', '/v1/tickets/C-003/hand-over', { id: newUuidv7(), staff: 'S2001', to: 'delivery' });
    s = await status('C-003');
    expect(s).toMatchObject({ phase: 'ready', stage: 'delivery', ahead: 0 });
    expect(s.words.ja).toBe('交付の準備ができました。番号をお呼びするまで、もう少しお待ちください。');
    await d21.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tenkyo'], staff: 'S3001', stage: 'delivery' });
    s = await status('C-003');
    expect(s).toMatchObject({ phase: 'delivery-called', counter: '21' });
    expect(s.words.en).toBe('Your documents are ready. Please go to counter 21 to collect them.');
    await d21.call('POST', '/v1/tickets/C-003/complete', { id: newUuidv7(), staff: 'S3001' });
    expect((await status('C-003')).phase).toBe('completed');

    // No id lookups, nothing but today's numbers, nothing of a person.
    const byId = await call('GET', `/v1/status/${newUuidv7()}`, undefined, {});
    expect(byId.status).toBe(400);
    expect((await call('GET', '/v1/status/C-999', undefined, {})).status).toBe(404);
    clock = officeDayStart('2026-12-04') + 9 * 3_600_000;
    const tomorrow = await call('GET', '/v1/status/C-003', undefined, {});
    expect(tomorrow.status).toBe(404);
    expect((tomorrow.body as { error: { message: string } }).error.message).toBe(
      'C-003 は本日の番号にありません。番号札の番号と日付をお確かめください。',
    );
    const text = JSON.stringify(s);
    expect(text).not.toMatch(/S1024|S2001|S3001|R001|P9|[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});
