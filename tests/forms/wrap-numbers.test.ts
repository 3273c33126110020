// A line of a wrapped box never ends inside a number or a Latin word: 「…東棟 1」 / 「203号室」 on the
// 住民異動届's 方書 reads as room 203 of a 棟 1. The break comes before the run (the 号室 after it may
// start the next line).
import { describe, expect, it } from 'vitest';
import { loadDefinitions, renderFormSet, toHalfWidthAlnum } from '../../forms/index.ts';
import { clusters, fit } from '../../forms/pdf/layout.ts';
import { example } from './support/households.ts';
import { pageText, squash } from './support/page-text.ts';

/** A care home's 方書 as its residents give it: 66 characters, within the 80 the model allows. */
const CARE_HOME =
  '社会福祉法人さっぽろ福祉会 サービス付き高齢者向け住宅 ことに駅前ガーデンコート別館 ２号館 ケアハウス 札幌市営住宅大通ハイツ東棟';

/** Pairs of adjacent lines where one ends and the next starts inside the same number or Latin word. */
function splitRuns(lines: string[]): string[] {
  const run = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/;
  return lines.flatMap((line, i) => {
    const next = lines[i + 1];
    return next !== undefined && run.test(line.at(-1) ?? '') && run.test(next[0] ?? '') ? [`${line} / ${next}`] : [];
  });
}

describe('wrapping keeps numbers and Latin words whole', { timeout: 60_000 }, () => {
  it('the 住民異動届 方書 at 8 pt breaks before the room number, not inside it', async () => {
    const household = example('tennyu-4');
    household.newAddress = { ...household.newAddress, building: CARE_HOME, room: '1203号室' };
    const result = await renderFormSet(household, { reference: 'R-TEST-WRAP' });
    const report = result.report.forms.find((f) => f.id === 'jumin-ido')!;
    const box = report.boxes.find((b) => b.field === 'newBuilding')!;
    expect(box.size).toBe(8);
    const pdf = result.forms.find((f) => f.id === 'jumin-ido')!.pdf;
    const lines = pageText(pdf, box.page + 1, box.rect)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    expect(lines).toHaveLength(2);
    // All of it, in one digit width (the form prints 方書 digits half-width).
    expect(squash(lines.join(''))).toBe(toHalfWidthAlnum(squash(`${CARE_HOME}1203号室`)));
    expect(splitRuns(lines)).toEqual([]);
    expect(lines[1]).toMatch(/^1203号室/);
  });

  it('at the box width and sizes of the 方書 boxes, for every length of the name, no line ends inside a run', () => {
    const definitions = loadDefinitions();
    // The 住民異動届's 方書 box and the 就学届's (narrower), as the template draws them.
    const boxes = [
      { form: 'jumin-ido', width: 523.28, height: 23 },
      { form: 'shugaku', width: 348.85, height: 33 },
    ];
    for (const { form, width, height } of boxes) {
      const field = definitions.get(form)!.fields.find((f) => f.bind === 'newAddress.building')!;
      for (let n = 10; n <= CARE_HOME.length; n++) {
        for (const room of ['1203号室', '１２０３号室', 'B1203号室']) {
          const text = `${CARE_HOME.slice(CARE_HOME.length - n)} ${room}`;
          const fitted = fit(clusters(text), width, height, {
            size: field.size,
            minSize: field.minSize,
            multiline: field.multiline,
            padding: 2,
          });
          const lines = (fitted?.lines ?? []).map((l) => l.map((c) => c.text).join(''));
          expect(splitRuns(lines), `${form} ${n} ${room}`).toEqual([]);
        }
      }
    }
  });

  it('a run longer than the line still breaks, and nothing is lost', () => {
    const digits = '1234567890'.repeat(3);
    const fitted = fit(clusters(digits), 60, 200, { size: 10, minSize: 10, multiline: true, padding: 2 });
    const lines = fitted!.lines.map((l) => l.map((c) => c.text).join(''));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(digits);
  });
});
