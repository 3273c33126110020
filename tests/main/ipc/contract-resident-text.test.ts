// Resident free text (names, furigana, addresses, 本籍…) is refused at the IPC boundary when it is
// not well-formed Unicode or hides control or invisible characters: a lone surrogate or a NUL
// from the renderer was accepted here and refused only at enqueue, after the forms were rendered.
// Rare kanji pass: 𠮷 (outside the BMP) and 葛󠄀 (葛 + the variation selector U+E0100).
import { describe, expect, it } from 'vitest';
import { contract } from '../../../main/ipc/contract.ts';

const member = {
  name: '𠮷田　葛󠄀子',
  furigana: 'ヨシダ　カツコ',
  birthDate: '1964-03-15',
  sex: 'female',
  relationship: '妻',
} as const;

const move = {
  kind: 'tenkyo',
  moveDate: '2026-11-20',
  postalCode: '154-0004',
  address: '東京都世田谷区太子堂四丁目１番１号',
  building: '葛󠄀飾ハイツ',
  room: '203',
  previousPostalCode: '154-0017',
  previousAddress: '東京都世田谷区世田谷一丁目２３番５号',
  phone: '03-1234-5678',
} as const;

const BAD = { 'a lone surrogate': '\ud842', NUL: '\u0000' } as const;

const accepts = (channel: keyof typeof contract, request: unknown) => contract[channel].request.safeParse(request).success;

describe('resident text in the IPC contract', () => {
  it('accepts rare kanji: 𠮷 (a surrogate pair) and 葛󠄀 (an ideographic variation sequence)', () => {
    expect(accepts('session:add-member', member)).toBe(true);
    expect(accepts('session:update-member', { id: 'm1', furigana: 'ヨシダ　カツコ', relationship: '妻' })).toBe(true);
    expect(accepts('session:set-move', move)).toBe(true);
    expect(accepts('session:set-notice', { notice: { previousHeadName: '𠮷田　葛󠄀一' } })).toBe(true);
  });

  for (const [what, bad] of Object.entries(BAD)) {
    it(`refuses ${what} in a name, furigana, relationship, address, building, 本籍 and 筆頭者`, () => {
      expect(accepts('session:add-member', { ...member, name: `𠮷田${bad}葛󠄀子` })).toBe(false);
      expect(accepts('session:add-member', { ...member, furigana: `ヨシダ${bad}` })).toBe(false);
      expect(accepts('session:add-member', { ...member, relationship: `妻${bad}` })).toBe(false);
      expect(accepts('session:update-member', { id: 'm1', furigana: `ヨシダ${bad}` })).toBe(false);
      expect(accepts('session:set-move', { ...move, address: `東京都世田谷区${bad}太子堂` })).toBe(false);
      expect(accepts('session:set-move', { ...move, previousAddress: `東京都${bad}` })).toBe(false);
      expect(accepts('session:set-move', { ...move, building: `ハイツ${bad}` })).toBe(false);
      expect(accepts('session:update-member', { id: 'm1', familyRegister: { domicile: `北海道札幌市${bad}`, head: '田中　誠' } })).toBe(
        false,
      );
      expect(accepts('session:set-notice', { notice: { previousHeadName: `田中${bad}誠` } })).toBe(false);
    });
  }

  it('refuses an invisible zero-width space (U+200B) in a name, its furigana and an address (as the household model does)', () => {
    expect(accepts('session:add-member', { ...member, name: '𠮷田\u200b葛󠄀子' })).toBe(false);
    expect(accepts('session:add-member', { ...member, furigana: 'ヨシダ\u200bカツコ' })).toBe(false);
    expect(accepts('session:update-member', { id: 'm1', furigana: 'ヨシダ\u200bカツコ' })).toBe(false);
    expect(accepts('session:set-move', { ...move, address: '東京都世田谷区\u200b太子堂四丁目１番１号' })).toBe(false);
  });
});
