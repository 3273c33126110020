// `npm run office -- demo`: one command gives a hall that moves by itself. Started as a child
// process the way a person runs it, it prints the hall display's URL (Japanese and English), the
// display shows a number called to a counter within a few steps, the window pages' sign-in links
// work, and SIGTERM stops it cleanly (exit 0). Numbers only: nothing the demo prints or logs names a person.
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { displayView, publicStatus } from '../../domain/office.ts';
import { startTestPostgres, type TestPostgres } from './support/postgres.ts';
import { startServiceProcess, type ServiceProcess } from './support/service-process.ts';

let postgres: TestPostgres;
let demo: ServiceProcess | undefined;
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterEach(() => {
  if (demo && demo.child.exitCode === null && demo.child.signalCode === null) demo.child.kill('SIGKILL');
});
afterAll(async () => {
  await postgres?.stop();
});

describe('npm run office -- demo', () => {
  it('prints the display URL, the display shows a called number within ~20 s, SIGTERM stops it cleanly', { timeout: 60_000 }, async () => {
    demo = await startServiceProcess({ DATABASE_URL: await postgres.database(), OFFICE_ID: 'demo-chuo', OFFICE_PORT: '0' }, ['demo']);
    const printed: string[] = [];
    demo.lines.on('line', (line) => printed.push(line));
    // The URL as a person reads it off the terminal.
    await expect.poll(() => printed.find((l) => l.includes('Hall call display')), { timeout: 10_000 }).toBeTruthy();
    const displayLine = printed.find((l) => l.includes('Hall call display')) as string;
    expect(displayLine).toContain('呼出表示板');
    const displayUrl = /(http:\/\/\S+\/display)\b/.exec(displayLine)?.[1] as string;
    expect(displayUrl).toBe(`${demo.started.listening}/display`);
    expect(printed.some((l) => l.includes('待ち状況 Waiting status:') && l.endsWith('/status'))).toBe(true);

    const page = await fetch(displayUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    // The page's own data: a number called to counter 3 or 5 within ~20 s.
    await expect
      .poll(
        async () => {
          const view = displayView.parse(await (await fetch(`${demo!.started.listening}/v1/display`)).json());
          return view.calls.find((c) => c.counter === '3' || c.counter === '5')?.number ?? null;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toMatch(/^[A-E]-\d{3}$/);
    const status = publicStatus.parse(await (await fetch(`${demo.started.listening}/v1/status`)).json());
    expect(status.categories.some((c) => c.calling.length > 0)).toBe(true);

    // A sign-in link for the back office opens a session (the page's own trade of the code).
    const link = printed.find((l) => l.includes('Back office'))?.match(/(http:\/\/\S+\/sign-in#\S+)/)?.[1] as string;
    const code = new URL(link).hash.slice(1);
    const signIn = await fetch(`${demo.started.listening}/v1/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-office-page': '1' },
      body: JSON.stringify({ code, staff: 'P001' }),
    });
    expect(signIn.status).toBe(200);

    demo.child.kill('SIGTERM');
    const [exitCode] = (await once(demo.child, 'exit')) as [number | null];
    expect(exitCode).toBe(0);
    expect(demo.stderr()).toBe('');
  });
});
