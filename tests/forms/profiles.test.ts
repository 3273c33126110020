// Per-city differences are configuration (forms/profiles/*.json), selected by an option.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decideProcedures, loadProfile, parseProfile, renderFormSet } from '../../forms/index.ts';
import { EXAMPLES_DIR, example } from './support/households.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'forms-profile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SAPPORO_FAQ = 'http://www.4894.city.sapporo.jp/cgi-bin/isDetail2.asp?sURL=file://FAQ/Daily/431525.xml&sTYPE=link';

describe('city profiles', () => {
  it('札幌市: a 転居 updates 児童手当 by itself, so no 住所変更届 is printed and the checklist says so', async () => {
    // 佐藤さん moves from 豊平区 to 北区 with two children who receive 児童手当.
    const h = example('tenkyo-3');
    const sapporo = loadProfile('sapporo');
    const d = decideProcedures(h, [], { profile: sapporo }).find((x) => x.procedureId === 'jidou-teate')!;
    expect(d).toMatchObject({ included: true, handling: 'automatic', formId: undefined, subjects: [1, 2] });
    expect(d.note).toContain('自動的に更新');
    expect(d.reasons.at(-1)).toContain('札幌市では');

    const r = await renderFormSet(h, { reference: 'R-SAPPORO-1', profile: sapporo });
    expect(r.report.profile).toBe('sapporo');
    expect(r.report.forms.map((f) => f.id)).not.toContain('jidou-teate-jusho');
    expect(r.report.checklist).toContainEqual(expect.objectContaining({ procedureId: 'jidou-teate', handling: 'automatic' }));
    // 子ども医療費 still needs its 変更届 in Sapporo.
    expect(r.report.forms.map((f) => f.id)).toContain('kodomo-iryo');
  });

  it('the default profile (also when none is given) prints the 児童手当 住所変更届', async () => {
    const h = example('tenkyo-3');
    for (const profile of [undefined, loadProfile('default')]) {
      const r = await renderFormSet(h, { reference: 'R-DEFAULT-1', profile });
      expect(r.report.profile).toBe('default');
      expect(r.report.forms.map((f) => f.id)).toContain('jidou-teate-jusho');
      expect(r.report.checklist).toEqual([]);
    }
  });

  it('staff can still print the form a profile makes automatic, with their reason', () => {
    const d = decideProcedures(example('tenkyo-3'), [{ procedureId: 'jidou-teate', action: 'add', reason: '受給者が区外に住むため' }], {
      profile: loadProfile('sapporo'),
    }).find((x) => x.procedureId === 'jidou-teate')!;
    expect(d).toMatchObject({ included: true, handling: 'form', formId: 'jidou-teate-jusho', decidedBy: 'staff' });
  });

  it('validates strictly and names the key, never the value', () => {
    const good = { id: 'otaru', name: '小樽市', automatic: [], signatures: {} };
    expect(parseProfile(good)).toMatchObject({ id: 'otaru' });
    const bad = (json: unknown) => {
      try {
        parseProfile(json, 'otaru');
      } catch (e) {
        return e as { code: string; message: string };
      }
      throw new Error('accepted');
    };
    expect(bad({ ...good, signature: {} })).toMatchObject({ code: 'forms/bad-profile', message: expect.stringContaining('signature') });
    const wrongMove = bad({ ...good, automatic: [{ procedure: 'jidou-teate', moveType: 'tenkio', note: '自動', source: SAPPORO_FAQ }] });
    expect(wrongMove.message).toContain('automatic[0].moveType');
    const noSource = bad({ ...good, automatic: [{ procedure: 'jidou-teate', moveType: 'tenkyo', note: '自動' }] });
    expect(noSource.message).toContain('automatic[0].source');
    const wrongRequirement = bad({ ...good, signatures: { 'kokuho-ido': { requirement: 'stamp', source: SAPPORO_FAQ } } });
    expect(wrongRequirement.message).toContain('signatures.kokuho-ido.requirement');
    // A procedure the catalogue does not have is refused when the profile is used.
    const unknown = parseProfile({
      ...good,
      automatic: [{ procedure: 'jidou-teat', moveType: 'tenkyo', note: '自動', source: SAPPORO_FAQ }],
    });
    expect(() => decideProcedures(example('tenkyo-3'), [], { profile: unknown })).toThrow(
      expect.objectContaining({ code: 'forms/bad-profile', message: expect.stringContaining('automatic[0].procedure') }),
    );
  });

  it('an unknown profile name is refused', () => {
    expect(() => loadProfile('kyoto')).toThrow(expect.objectContaining({ code: 'forms/profile-not-found' }));
    expect(() => loadProfile('../default')).toThrow(expect.objectContaining({ code: 'forms/profile-not-found' }));
  });

  it('forms render --profile selects it, and a city may pass its own file', { timeout: 60_000 }, () => {
    const own = join(tmp, 'city.json');
    writeFileSync(
      own,
      JSON.stringify({
        id: 'city',
        name: '見本市',
        automatic: [{ procedure: 'kodomo-iryo', moveType: 'tenkyo', note: '自動で更新されます', source: 'https://example.jp/' }],
      }),
    );
    const run = (...extra: string[]) => {
      const r = spawnSync(
        process.execPath,
        [
          '--disable-warning=ExperimentalWarning',
          join(ROOT, 'main', 'cli', 'kiosk.ts'),
          'forms',
          'render',
          '--household',
          join(EXAMPLES_DIR, 'tenkyo-3.json'),
          '--out',
          join(tmp, 'out'),
          '--json',
          ...extra,
        ],
        { encoding: 'utf8', cwd: ROOT },
      );
      return { code: r.status, out: JSON.parse(r.stdout) as { profile?: string; forms?: { id: string }[]; error?: string } };
    };
    const sapporo = run('--profile', 'sapporo');
    expect(sapporo.code).toBe(0);
    expect(sapporo.out.profile).toBe('sapporo');
    expect(sapporo.out.forms!.map((f) => f.id)).not.toContain('jidou-teate-jusho');
    const city = run('--profile', own);
    expect(city.out.profile).toBe('city');
    expect(city.out.forms!.map((f) => f.id)).not.toContain('kodomo-iryo');
    const missing = run('--profile', 'nowhere');
    expect(missing.out.error).toBe('forms/profile-not-found');
  });
});
