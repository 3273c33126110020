import { describe, expect, it } from 'vitest';
import { validateHousehold } from '../../forms/index.ts';
import { exampleJson } from './support/households.ts';

describe('household validation', () => {
  it.each(['tennyu-4', 'tennyu-6-rare', 'tenkyo-3'])('accepts the example %s', (name) => {
    const r = validateHousehold(exampleJson(name));
    expect(r.ok).toBe(true);
  });

  it('fills defaults for facts and card flags', () => {
    const r = validateHousehold(exampleJson('tennyu-6-rare'));
    if (!r.ok) throw new Error('invalid');
    expect(r.household.members[3]!.facts).toEqual({
      nationalHealthInsurance: true,
      registeredSeal: false,
      longTermCareCertified: false,
      childAllowance: false,
      childMedical: false,
    });
    expect(r.household.members[3]!.myNumberCard).toBe(false);
  });

  it('reports each bad field by path, without echoing the value', () => {
    const h = exampleJson('tennyu-4') as {
      members: Record<string, unknown>[];
      move: Record<string, unknown>;
      newAddress: Record<string, unknown>;
    };
    h.members[1]!.birthDate = '1982-02-30';
    h.members[2]!.familyKana = 'Yamada髙';
    h.move.type = 'moving';
    h.newAddress.postalCode = '060-00';
    const r = validateHousehold(h);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e]));
    expect(Object.keys(byPath).sort()).toEqual(['members[1].birthDate', 'members[2].familyKana', 'move.type', 'newAddress.postalCode']);
    expect(byPath['members[1].birthDate']!.code).toBe('invalid_date');
    expect(byPath['members[1].birthDate']!.message).toMatch(/^生年月日 \/ birth date: 存在しない日付です/);
    expect(byPath['move.type']!.message).toContain('選べる値ではありません');
    const all = JSON.stringify(r.errors);
    expect(all).not.toContain('Yamada');
    expect(all).not.toContain('1982-02-30');
    expect(all).not.toContain('moving');
  });

  it('requires exactly one 世帯主', () => {
    const h = exampleJson('tenkyo-3') as { members: Record<string, unknown>[] };
    h.members[0]!.relationship = '本人';
    const r = validateHousehold(h);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ path: 'members', code: 'one_head' })]);
  });

  it('checks the residence card number pattern for foreign residents', () => {
    const h = exampleJson('tennyu-6-rare') as { members: { foreignResident?: Record<string, unknown> }[] };
    h.members[5]!.foreignResident!.residenceCardNumber = 'AB1234CD';
    const r = validateHousehold(h);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['members[5].foreignResident.residenceCardNumber']);
  });
});

describe('household files as real counters write them', () => {
  type Json = { move: Record<string, unknown>; members: Record<string, unknown>[] } & Record<string, unknown>;
  const household = () => exampleJson('tennyu-4') as Json;
  const errorsOf = (json: unknown) => {
    const r = validateHousehold(json);
    if (r.ok) throw new Error('expected errors');
    return r.errors;
  };

  it('a misspelt key is an error naming the key, not a fact silently read as false', () => {
    const h = household();
    const facts = h.members[0]!.facts as Record<string, unknown>;
    facts.nationalHealthInsurence = facts.nationalHealthInsurance;
    delete facts.nationalHealthInsurance;
    const errors = errorsOf(h);
    expect(errors).toEqual([
      expect.objectContaining({
        path: 'members[0].facts.nationalHealthInsurence',
        code: 'unrecognized_keys',
        message: expect.stringContaining('nationalHealthInsurence'),
      }),
    ]);
  });

  it('a child born after the move, or a 転入 notice dated before it, is an error', () => {
    const born = household();
    born.members[2]!.birthDate = '2026-12-01';
    expect(errorsOf(born).map((e) => [e.path, e.code])).toEqual([['members[2].birthDate', 'born_after_move']]);
    const early = household();
    early.move.notificationDate = '2026-11-19';
    expect(errorsOf(early).map((e) => [e.path, e.code])).toEqual([['move.notificationDate', 'notice_before_move']]);
    // A 転出届 may be made before leaving (and names no 転出証明書: that is a 転入's).
    early.move.type = 'tenshutsu';
    delete early.moveOutDocument;
    expect(validateHousehold(early).ok).toBe(true);
  });

  it('control and zero-width characters in a name are errors that do not echo the name', () => {
    for (const bad of ['山田\u200B', '山\u0000田', '山\uFEFF田']) {
      const h = household();
      h.members[0]!.familyName = bad;
      const errors = errorsOf(h);
      expect(errors.map((e) => [e.path, e.code])).toEqual([['members[0].familyName', 'control_character']]);
      expect(JSON.stringify(errors)).not.toContain('山');
    }
    // A variation selector (an MJ glyph as registered) is a character, not an invisible one.
    const ivs = household();
    ivs.members[0]!.familyName = '葛\u{E0100}西';
    expect(validateHousehold(ivs).ok).toBe(true);
  });

  it('refuses them in every free-text resident string: 通称, 国籍, 在留資格, address, 方書, room, 続柄', () => {
    type Json = {
      newAddress: Record<string, string>;
      previousAddress: Record<string, string>;
      members: { relationship: string; foreignResident?: Record<string, string> }[];
    };
    const cases: [string, (h: Json) => void][] = [
      ['members[5].foreignResident.commonName', (h) => (h.members[5]!.foreignResident!.commonName = '中村\u200B蘭')],
      ['members[5].foreignResident.nationality', (h) => (h.members[5]!.foreignResident!.nationality = 'ベトナム\u0000')],
      ['members[5].foreignResident.residenceStatus', (h) => (h.members[5]!.foreignResident!.residenceStatus = '永住\u0007者')],
      ['newAddress.address', (h) => (h.newAddress.address = '北海道札幌市北区北7条西5丁目\u200B8番地')],
      ['newAddress.building', (h) => (h.newAddress.building = '札幌市営住宅大通ハイツ東棟\u0007')],
      ['previousAddress.room', (h) => (h.previousAddress.room = '1203\uFEFF号室')],
      ['members[5].relationship', (h) => (h.members[5]!.relationship = '同居\u200B人')],
    ];
    for (const [path, spoil] of cases) {
      const h = exampleJson('tennyu-6-rare') as Json;
      spoil(h);
      const errors = errorsOf(h);
      expect(
        errors.map((e) => [e.path, e.code]),
        path,
      ).toEqual([[path, 'control_character']]);
      expect(errors[0]!.ja, path).toContain('制御文字・見えない文字が含まれています');
      expect(JSON.stringify(errors), path).not.toMatch(/中村|ベトナム|永住|北7条|大通|1203|同居/);
    }
  });

  it('half-width kana with dakuten is normalised, not rejected', () => {
    const h = household();
    h.members[2]!.givenKana = 'ﾂﾊﾞｻ';
    const r = validateHousehold(h);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.household.members[2]!.givenKana).toBe('ツバサ');
  });
});

describe('who may make the notice', () => {
  const household = () => exampleJson('tennyu-4') as { members: { relationship: string; birthDate: string }[]; notifierIndex?: number };

  it('the head, or an adult member; never a child', () => {
    const h = household();
    const child = h.members.findIndex((m) => m.relationship === '子');
    h.notifierIndex = child;
    const r = validateHousehold(h);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => [e.path, e.code])).toEqual([['notifierIndex', 'notifier_not_allowed']]);
    h.notifierIndex = h.members.findIndex((m) => m.relationship === '妻');
    expect(validateHousehold(h).ok).toBe(true);
    h.notifierIndex = h.members.findIndex((m) => m.relationship === '世帯主');
    expect(validateHousehold(h).ok).toBe(true);
  });
});

describe('foreign residents', () => {
  const withForeign = (residenceStatus: string, residenceCardExpiry?: string) => {
    const h = exampleJson('tennyu-6-rare') as { members: { foreignResident?: Record<string, unknown> }[] };
    const member = h.members.find((m) => m.foreignResident)!;
    member.foreignResident = {
      nationality: '韓国',
      residenceCategory: residenceStatus === '特別永住者' ? '特別永住者' : '中長期在留者',
      residenceStatus,
      residenceCardNumber: 'AB12345678CD',
      residenceCardExpiry,
    };
    return h;
  };

  it('永住者 and 特別永住者 need no 在留期間; every other status does', () => {
    expect(validateHousehold(withForeign('特別永住者')).ok).toBe(true);
    expect(validateHousehold(withForeign('永住者')).ok).toBe(true);
    const r = validateHousehold(withForeign('技術・人文知識・国際業務'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['expiry_required']);
    expect(validateHousehold(withForeign('技術・人文知識・国際業務', '2028-04-30')).ok).toBe(true);
  });
});
