// The staff console's shortcut keys and the move step's postal-code autofill, as plain functions.
import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutLabel, shortcutOf } from '../../renderer/src/screens/staff/shortcuts.ts';
import { applyLookup, postalDigits } from '../../renderer/src/screens/staff/postal-autofill.ts';

const key = (code: string, extra: Partial<KeyboardEvent> = {}) => ({
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  isComposing: false,
  keyCode: 78,
  code,
  ...extra,
});

describe('staff shortcuts', () => {
  it('reads Alt + the physical key, whatever character the layout or IME makes of it', () => {
    expect(shortcutOf(key('KeyN'))).toBe('next');
    // With the Japanese IME on, Alt+N still arrives as code KeyN (key may be 'ñ', 'Unidentified', …).
    expect(shortcutOf(key('KeyN', { key: 'Unidentified' } as Partial<KeyboardEvent>))).toBe('next');
    expect(shortcutOf(key('KeyB'))).toBe('back');
    expect(shortcutOf(key('KeyP'))).toBe('print');
  });
  it('never takes a key that belongs to an IME composition, nor Ctrl/Shift/Meta chords or plain letters', () => {
    expect(shortcutOf(key('KeyN', { isComposing: true }))).toBeNull();
    expect(shortcutOf(key('KeyN', { keyCode: 229 }))).toBeNull();
    expect(shortcutOf(key('KeyN', { altKey: false }))).toBeNull();
    expect(shortcutOf(key('KeyN', { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(key('KeyN', { shiftKey: true }))).toBeNull();
    expect(shortcutOf(key('KeyF'))).toBeNull(); // Alt+F: a browser's menu key elsewhere; not ours
  });
  it('uses no letter Chromium or Electron binds to Alt (F, E, D: menus and the address bar)', () => {
    const letters = Object.values(SHORTCUTS);
    expect(new Set(letters).size).toBe(letters.length);
    for (const reserved of ['F', 'E', 'D']) expect(letters).not.toContain(reserved);
    expect(shortcutLabel('next')).toBe('Alt+N');
  });
});

describe('postal-code autofill', () => {
  it('starts at the 7th digit, typed half- or full-width (IME on), with or without 〒 and hyphen', () => {
    expect(postalDigits('060-004')).toBeNull();
    expect(postalDigits('060-0042')).toBe('0600042');
    expect(postalDigits('〒０６０－００４２')).toBe('0600042');
    expect(postalDigits('06000421')).toBeNull();
  });
  it('fills an empty address, or one still as the last lookup left it', () => {
    expect(applyLookup('', null, '北海道札幌市中央区大通西')).toBe('fill');
    expect(applyLookup('東京都大田区東糀谷', '東京都大田区東糀谷', '北海道札幌市中央区大通西')).toBe('fill');
  });
  it('never overwrites what staff typed after the lookup (or the card address) without asking', () => {
    // Staff went on typing the block number after the first lookup, then corrected the code.
    expect(applyLookup('北海道札幌市中央区大通西十丁目４番地', '北海道札幌市中央区大通西', '北海道札幌市中央区北一条西')).toBe('ask');
    // The card's previous address already begins with the looked-up town: nothing to do.
    expect(applyLookup('東京都大田区東糀谷三丁目１番２号', null, '東京都大田区東糀谷')).toBe('keep');
    expect(applyLookup('東京都大田区東糀谷三丁目１番２号', null, '東京都大田区羽田')).toBe('ask');
  });
});
