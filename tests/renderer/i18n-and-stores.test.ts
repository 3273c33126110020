// The resident screen's translations are complete in every language, and the renderer's
// stores really drop personal data when wiped.
import { describe, expect, it } from 'vitest';
import { initI18n, languages, resources } from '../../renderer/src/i18n/index.ts';
import { loadDefinitions, RECEIPT_TEXTS, waitRange } from '../../forms/index.ts';
import { useResidentStore } from '../../renderer/src/stores/resident-store.ts';
import { useStaffStore } from '../../renderer/src/stores/staff-store.ts';
import { wipeAllStores } from '../../renderer/src/App.tsx';
import { standardRelationships } from '../../domain/person.ts';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function at(tree: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
}

/** A string by its key; a counted one may be split into plural forms (English boxes_one / boxes_other). */
function lookup(tree: unknown, path: string): unknown {
  return at(tree, path) ?? at(tree, `${path}_other`);
}

describe('translations', () => {
  const residentKeys = keys({
    app: resources.ja.translation.app,
    resident: resources.ja.translation.resident,
    idle: resources.ja.translation.idle,
  });

  it('covers every resident-facing string in every language', () => {
    expect(languages.map((l) => l.code)).toEqual(['ja', 'ja-Hira', 'en', 'zh-Hans', 'ko', 'vi']);
    for (const { code } of languages) {
      const tree = resources[code].translation;
      for (const key of residentKeys) {
        const text = lookup(tree, key);
        expect(typeof text, `${code}:${key}`).toBe('string');
        expect((text as string).length, `${code}:${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('never gives two different actions the same label on the PIN screen (the last-try dialog vs the pad)', () => {
    for (const { code } of languages) {
      const pin = resources[code].translation.resident.pin;
      const labels = [pin.cancel, pin.submit, pin.lastTryBack, pin.confirmLast, pin.clear, pin.delete];
      expect(new Set(labels).size, code).toBe(labels.length);
    }
  });

  it('puts a reading over every kanji in やさしい日本語 (only the printed sign mark is quoted as it is)', () => {
    for (const key of residentKeys) {
      const text = (lookup(resources['ja-Hira'].translation, key) as string)
        .replace(/\{[^|{}]+\|[^|{}]+\}/g, '')
        .replaceAll('ご署名ください', '');
      expect(text, key).not.toMatch(/\p{Script=Han}/u);
    }
    // and the readings are kana only
    for (const key of residentKeys) {
      const text = lookup(resources['ja-Hira'].translation, key) as string;
      for (const m of text.matchAll(/\{([^|{}]+)\|([^|{}]+)\}/g))
        expect(m[2], key).toMatch(/^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u);
    }
  });

  it('keeps the same interpolation variables as Japanese', () => {
    const variables = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const { code } of languages) {
      for (const key of residentKeys) {
        expect(variables(lookup(resources[code].translation, key) as string), `${code}:${key}`).toEqual(
          variables(lookup(resources.ja.translation, key) as string),
        );
      }
    }
  });

  it('translates rather than copies: no Japanese kana in the foreign resident strings (except the printed sign mark)', () => {
    for (const code of ['en', 'zh-Hans', 'ko', 'vi'] as const) {
      for (const key of residentKeys) {
        const text = (lookup(resources[code].translation, key) as string).replaceAll('ご署名ください', '').replaceAll('日本語', '');
        expect(text, `${code}:${key}`).not.toMatch(/[\u3040-\u309f\u30a0-\u30ff]/);
      }
    }
  });
});

describe('the signing step and the ticket', () => {
  const i18n = initI18n();

  it('counts signature boxes in proper English (no "box(es)"), and every language says how many', () => {
    expect(i18n.t('resident.sign.boxes', { lng: 'en', count: 1 })).toBe('1 signature box');
    expect(i18n.t('resident.sign.boxes', { lng: 'en', count: 3 })).toBe('3 signature boxes');
    for (const { code } of languages) {
      const text = i18n.t('resident.sign.boxes', { lng: code, count: 2 });
      expect(text, code).toContain('2');
      expect(text, code).not.toMatch(/\(es\)|\(s\)/);
    }
  });

  it('explains every form of the set in every language, next to its Japanese title (やさしい日本語 with readings)', () => {
    const ids = [...loadDefinitions().keys()];
    expect(ids).toContain('jumin-ido');
    for (const { code } of languages) {
      const explanations = resources[code].translation.resident.sign.forms;
      for (const id of ids) expect(explanations[id], `${code}:${id}`).toBeTruthy();
    }
    expect(resources['ja-Hira'].translation.resident.sign.forms['jumin-ido']).toContain('{住所|じゅうしょ}');
    expect(resources.en.translation.resident.sign.forms['jumin-ido']).toMatch(/address/i);
    // The explanation's own text has no brackets: they come from the language's punctuation around it.
    for (const { code } of languages)
      for (const text of Object.values(resources[code].translation.resident.sign.forms)) expect(text, code).not.toMatch(/[()（）]/);
  });

  it('says one thing about the card for each state of the 受付票, and the staff console agrees', () => {
    for (const { code } of languages) {
      const done = resources[code].translation.resident.done;
      expect(new Set([done.card.printing, done.card.printed, done.card.failed]).size, code).toBe(3);
      // The receipt line no longer speaks of the card: only the card line does.
      for (const state of ['receiptPrinting', 'receiptPrinted'] as const) expect(done[state], code).not.toBe(done.card.printed);
    }
    const ja = resources.ja.translation;
    expect(ja.resident.done.card.printing).toBe('控えの印刷が終わるまでカードはそのままにしてください。');
    expect(ja.resident.done.card.printed).toBe('カードをお取りください。');
    expect(ja.staff.ticket.card.printing).toContain('控えの印刷が終わるまでカードはそのままにしてください');
    expect(ja.staff.ticket.card.printed).toContain('カードをお取りください');
    expect(ja.staff.ticket.receipt.printing).not.toContain('カード');
  });

  it('says how the number is called as the 受付票 does, on the display as well as aloud (a deaf resident watches the board)', () => {
    // {漢字|かんじ} on screen is 漢字（かんじ） on paper.
    const printed = (text: string) => text.replace(/\{([^|{}]+)\|([^|{}]+)\}/g, '$1（$2）');
    for (const { code } of languages)
      expect(printed(resources[code].translation.resident.done.hint), code).toBe(RECEIPT_TEXTS[code].called);
    expect(resources.ja.translation.resident.done.hint).toContain('呼出表示板');
  });

  it('explains every 続柄 the other languages explain in やさしい日本語 too (else 祖父 stood there without a reading)', () => {
    const easy = Object.keys(resources['ja-Hira'].translation.resident.confirm.relationships).sort();
    for (const code of ['en', 'zh-Hans', 'ko', 'vi'] as const)
      expect(easy, code).toEqual(Object.keys(resources[code].translation.resident.confirm.relationships).sort());
  });

  it('translates every standard 続柄 staff can choose into every resident language (夫の父 and 夫の母 were missing)', () => {
    // Japanese shows the 続柄 as it prints; every other language explains it next to it.
    for (const code of ['ja-Hira', 'en', 'zh-Hans', 'ko', 'vi'] as const) {
      const relationships = resources[code].translation.resident.confirm.relationships;
      for (const relationship of standardRelationships) expect(relationships[relationship], `${code}:${relationship}`).toBeTruthy();
    }
    expect(resources.en.translation.resident.confirm.relationships['夫の父']).toBe("Husband's father");
    expect(i18n.t('resident.confirm.relationships.夫の母', { lng: 'ko' })).toBe('시어머니');
  });

  it('says what to do after checking with the correction button’s own label, in every language', () => {
    for (const { code } of languages) {
      const confirm = resources[code].translation.resident;
      expect(confirm.confirm.next, code).toContain(confirm.correction.button);
    }
  });

  it('names the 届出人 on the confirmation in every language', () => {
    for (const { code } of languages) expect(resources[code].translation.resident.confirm.notifier, code).toBeTruthy();
    expect(resources.ja.translation.resident.confirm.notifier).toContain('届出人');
  });

  it('shows the wait as the range the 受付票 prints, in every language', () => {
    const range = waitRange(18);
    expect(i18n.t('staff.ticket.estimate', { ...range })).toContain('約10〜30分');
    for (const { code } of languages) {
      const text = i18n.t('resident.done.wait', { lng: code, ...range });
      expect(text, code).toMatch(/10\s*[〜～~–]\s*30/);
    }
  });
});

describe('stores are wiped', () => {
  it('drops the visit, the typed PIN digits and the confirmation data', () => {
    useStaffStore.setState({
      session: { members: [{ name: '髙橋　𠮷太郎' }] } as never,
      error: { code: 'card/pin-wrong', message: '暗証番号が違います。', action: 'a', messageEn: 'e' },
    });
    useResidentStore.setState({ digits: '47', view: { members: [{ name: '山﨑　美咲' }] } as never });
    wipeAllStores();
    expect(useStaffStore.getState().session).toBeNull();
    expect(useStaffStore.getState().error).toBeNull();
    expect(useResidentStore.getState().digits).toBe('');
    expect(useResidentStore.getState().view).toBeNull();
    expect(JSON.stringify({ ...useStaffStore.getState(), ...useResidentStore.getState() })).not.toMatch(/髙橋|山﨑|47/);
  });
});

describe('reads that race', () => {
  // A stand-in for window.kiosk whose answers the test releases in any order.
  function deferredKiosk() {
    const pending: { resolve(view: unknown): void }[] = [];
    const kiosk = {
      screen: 'resident',
      invoke: () => new Promise((resolve) => pending.push({ resolve: (view) => resolve({ ok: true, value: view }) })),
      on: () => () => undefined,
    };
    return { kiosk, pending };
  }

  it('applies only the newest answer, and never refills a wiped screen', async () => {
    const { kiosk, pending } = deferredKiosk();
    (globalThis as { window?: unknown }).window = { kiosk };
    try {
      const store = useResidentStore.getState();
      const older = store.refresh();
      const newer = store.refresh();
      pending[1]!.resolve({ members: [{ name: '山﨑　美咲' }] });
      await newer;
      pending[0]!.resolve({ members: [{ name: '髙橋　𠮷太郎' }] });
      await older;
      expect(JSON.stringify(useResidentStore.getState().view)).toContain('山﨑');

      const inFlight = useResidentStore.getState().refresh();
      useResidentStore.getState().wipe();
      pending[2]!.resolve({ members: [{ name: '髙橋　𠮷太郎' }] });
      await inFlight;
      expect(useResidentStore.getState().view).toBeNull();
    } finally {
      delete (globalThis as { window?: unknown }).window;
    }
  });
});
