// Every form speaks of the move it records, not only the 住民異動届: on a 転出 the 国保, 介護 and
// 後期高齢 forms (and the 転出-only forms) say 転出先 / 転出予定日 / 現在の住所, never the 転入
// wording (新しい住所, 前の住所, 異動日, 住み始めた日, 転入は…). Every form × every move kind it
// is printed for, read back from the page.
import { describe, expect, it } from 'vitest';
import { PROCEDURES, renderFormSet, type Household } from '../../forms/index.ts';
import { example } from './support/households.ts';
import { fixture } from './support/fixtures.ts';
import { pageText, squash } from './support/page-text.ts';

const HOUSEHOLDS: Record<Household['move']['type'], () => Household> = {
  tennyu: () => example('tennyu-4'),
  tenkyo: () => example('tenkyo-3'),
  tenshutsu: () => fixture('tenshutsu-5-tsusho'),
};

/** Words that belong to another move kind than the page's. */
const CHECKS: Record<Household['move']['type'], { present: string[]; absent: string[] }> = {
  // 転出証明書 and 転出予定日 (児童手当's deadline) belong on a 転入 too.
  tennyu: { present: [], absent: ['転出先', '転居', '現在の住所'] },
  tenkyo: { present: [], absent: ['転入', '転出', '住み始めた日'] },
  tenshutsu: {
    present: ['転出先', '転出予定日', '現在の住所'],
    absent: ['転入', '転居', '前の住所', '住み始めた日', '住所を定めた', '異動日'],
  },
};

describe('every form’s labels follow the move kind', { timeout: 120_000 }, () => {
  for (const kind of ['tennyu', 'tenkyo', 'tenshutsu'] as const) {
    it(`${kind}: every form printed for it`, async () => {
      const formIds = [...new Set(PROCEDURES.flatMap((p) => (p.forms[kind] ? [p.forms[kind]] : [])))];
      const overrides = PROCEDURES.filter((p) => p.forms[kind]).map((p) => ({
        procedureId: p.id,
        action: 'add' as const,
        reason: '表示確認のため',
      }));
      const r = await renderFormSet(HOUSEHOLDS[kind](), { reference: 'R-TEST-LABELS', overrides });
      expect(r.forms.map((f) => f.id).sort()).toEqual(formIds.sort());
      for (const form of r.forms) {
        // 転出先（新しい住所・予定） names the new address on a 転出: the label itself is not 転入 wording.
        const text = squash(pageText(form.pdf, 1)).replaceAll('転出先（新しい住所・予定）', '転出先');
        for (const word of CHECKS[kind].present) expect(text, `${form.id} on ${kind} says ${word}`).toContain(word);
        for (const word of CHECKS[kind].absent) expect(text, `${form.id} on ${kind} does not say ${word}`).not.toContain(word);
        if (kind === 'tenshutsu') expect(text, `${form.id} on a 転出 names no 新しい住所 but the 転出先`).not.toContain('新しい住所');
        // Every label fits its box at its size (a bound label that overflowed would be left to hand-write).
        expect(r.report.forms.find((f) => f.id === form.id)!.overflows, form.id).toEqual([]);
      }
    });
  }
});
