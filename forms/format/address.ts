// Splits a Japanese address into the parts forms ask for, offline, against the postal data's
// list of prefectures and municipalities.
import { citiesOfPrefecture, prefectures } from './postal.ts';

export interface AddressParts {
  prefecture: string;
  /** 市区町村 including 郡 and the ward of a designated city, e.g. 札幌市中央区. */
  city: string;
  /** 町名・字, e.g. 北一条西. */
  town: string;
  /** 丁目・番地・号, e.g. 2丁目1番地. */
  block: string;
  /** 方書 (building name and room). */
  building: string;
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

// Where the block number starts: the first digit run, or a kanji numeral directly before 丁目.
const BLOCK_START = /[0-9０-９]|[一二三四五六七八九十]+丁目/;

export function splitAddress(address: string, building?: string, room?: string): AddressParts {
  let rest = address.trim();
  let prefecture = '';
  let prefCode = '';
  for (const p of prefectures()) {
    if (rest.startsWith(p.name)) {
      prefecture = p.name;
      prefCode = p.code;
      rest = rest.slice(p.name.length);
      break;
    }
  }
  let city = '';
  const codes = prefCode ? [prefCode] : prefectures().map((p) => p.code);
  outer: for (const code of codes) {
    for (const name of citiesSortedLongestFirst(code)) {
      // Addresses are often written without the 郡 part: 石狩郡当別町 is also matched as 当別町.
      const short = name.replace(/^.+?郡/, '');
      for (const candidate of name === short ? [name] : [name, short]) {
        if (rest.startsWith(candidate)) {
          city = candidate;
          rest = rest.slice(candidate.length);
          if (!prefecture) prefecture = prefectures().find((p) => p.code === code)?.name ?? '';
          break outer;
        }
      }
    }
  }
  // A building written after the block number, separated by a space.
  let inlineBuilding = '';
  const spaceAt = rest.search(/[ 　]/);
  if (spaceAt > 0) {
    inlineBuilding = rest.slice(spaceAt + 1).trim();
    rest = rest.slice(0, spaceAt);
  }
  const m = BLOCK_START.exec(rest);
  const town = m ? rest.slice(0, m.index) : rest;
  const block = m ? rest.slice(m.index) : '';
  const buildingText = [building ?? inlineBuilding, room].filter((s) => s && s.length > 0).join(' ');
  return { prefecture, city, town, block, building: buildingText };
}
