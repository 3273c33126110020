// Splits a Japanese address into the parts forms ask for, offline, against the postal data's
// list of prefectures and municipalities.
//
// By construction nothing is dropped: the parts joined (prefecture + city + town + block +
// building) are the input with only its whitespace removed, whatever the input looks like.
// Where the split cannot be trusted (no municipality or no block number found, or a 条 left in the
// block number) the result says so, and the forms print the whole address and flag it for staff
// instead of guessing.
import { citiesOfPrefecture, prefectures } from './postal.ts';

export interface AddressParts {
  /** As written; empty when the address starts with the municipality. */
  prefecture: string;
  /** The prefecture of a municipality written without one, when only one prefecture has it. */
  inferredPrefecture: string;
  /** 市区町村 including 郡 and the ward of a designated city, e.g. 札幌市中央区. */
  city: string;
  /** 町名・字, e.g. 北一条西. */
  town: string;
  /** 丁目・番地・号, e.g. 2丁目1番地. */
  block: string;
  /** 方書 (building name and room): text after the block number, then the building and room given. */
  building: string;
  /** The municipality or the block number could not be found: the parts are a guess. */
  uncertain: boolean;
}

const cityCache = new Map<string, string[]>();
function citiesSortedLongestFirst(prefCode: string): string[] {
  let list = cityCache.get(prefCode);
  if (!list) {
    list = citiesOfPrefecture(prefCode).sort((a, b) => b.length - a.length);
    cityCache.set(prefCode, list);
  }
  return list;
}

// Where the block number starts: 第n地割, the first digit run, or a kanji numeral directly before 丁目.
const BLOCK_START = /第[0-9０-９一二三四五六七八九十]+地割|[0-9０-９]|[一二三四五六七八九十]+丁目/;
// A space-separated piece that continues the block number (7番地 9号, 3番地 の2, 12 - 3).
const BLOCK_CONTINUATION = /^[0-9０-９\-－ー−‐の番号地丁目]/;
// The 条 of a Hokkaido grid town is part of the town's name, not the block number: 札幌市北区北7条西,
// 札幌市中央区南1条西, 旭川市4条通, 旭川市東4条, 帯広市西3条南 (KEN_ALL writes them 北七条西, ４条通, 東４条).
const JO_OF_TOWN = /^[0-9０-９一二三四五六七八九十]+条(?:東|西|南|北|通)?/;

/** Where the block number starts in the street part, past the 条 of a grid town; -1 when it has none. */
function blockStart(street: string): number {
  let from = 0;
  for (;;) {
    const m = BLOCK_START.exec(street.slice(from));
    if (!m) return -1;
    const at = from + m.index;
    const jo = JO_OF_TOWN.exec(street.slice(at));
    if (!jo) return at;
    from = at + jo[0].length;
  }
}

/** Runs of whitespace (ASCII and ideographic) become one space; the ends are trimmed. */
export function normaliseAddressSpaces(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim();
}

function matchPrefecture(text: string): { name: string; code: string } | undefined {
  return prefectures().find((p) => text.startsWith(p.name));
}

/** The longest municipality name the text starts with, in each prefecture that has one. */
function matchCity(text: string, codes: readonly string[]): { name: string; codes: string[] } | undefined {
  let best: { name: string; codes: string[] } | undefined;
  for (const code of codes) {
    for (const name of citiesSortedLongestFirst(code)) {
      // Addresses are often written without the 郡 part: 石狩郡当別町 is also matched as 当別町.
      const short = name.replace(/^.+?郡/, '');
      const candidate = [name, short].find((c) => c.length > 0 && text.startsWith(c));
      if (!candidate) continue;
      if (!best || candidate.length > best.name.length) best = { name: candidate, codes: [code] };
      else if (candidate === best.name && !best.codes.includes(code)) best.codes.push(code);
      break;
    }
  }
  return best;
}

export function splitAddress(address: string, building?: string, room?: string): AddressParts {
  let rest = normaliseAddressSpaces(address);
  let prefecture = '';
  const pref = matchPrefecture(rest);
  if (pref) {
    prefecture = pref.name;
    rest = rest.slice(pref.name.length).trimStart();
  }
  let city = '';
  let inferredPrefecture = '';
  const found = matchCity(rest, pref ? [pref.code] : prefectures().map((p) => p.code));
  if (found) {
    city = found.name;
    rest = rest.slice(found.name.length).trimStart();
    // 府中市 is in Tokyo and in Hiroshima: only a municipality of one prefecture tells which.
    if (!prefecture && found.codes.length === 1) inferredPrefecture = prefectures().find((p) => p.code === found.codes[0])?.name ?? '';
  }
  // Spaces inside the street part are typing habits (大通西 3丁目, 北7 条西): the pieces join until the
  // block number is complete; what follows is the building written on the same line.
  const pieces = rest === '' ? [] : rest.split(' ');
  let street = pieces.shift() ?? '';
  while (pieces.length > 0 && (blockStart(street) < 0 || BLOCK_CONTINUATION.test(pieces[0]!) || pieces[0]!.startsWith('条'))) {
    street += pieces.shift();
  }
  const inlineBuilding = pieces.join(' ');
  const at = blockStart(street);
  const town = at >= 0 ? street.slice(0, at) : street;
  const block = at >= 0 ? street.slice(at) : '';
  const buildingText = [inlineBuilding, normaliseAddressSpaces(building ?? ''), normaliseAddressSpaces(room ?? '')]
    .filter((s) => s.length > 0)
    .join(' ');
  // A 条 left in the block is one the town did not take (a shape not known here): not a split to trust.
  const uncertain = city === '' || block === '' || block.includes('条') || (prefecture === '' && inferredPrefecture === '');
  return { prefecture, inferredPrefecture, city, town, block, building: buildingText, uncertain };
}
