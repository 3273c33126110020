// The 受付票（控え）: one small page the resident takes away, so the ticket number does not exist only
// on a screen that is wiped when the card is removed. It holds the ticket, where and how long to
// wait, what was handed in, what arrives by post and what is left to do elsewhere, in the
// resident's language, and no personal data beyond the ticket and the household's family name.
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import qrcode from 'qrcode-generator';
import type { ResidentLanguage } from '../../domain/language.ts';
import type { MoveKind } from '../../domain/move.ts';
import type { Household } from '../model/household.ts';
import { ageOn, schoolGrade } from '../format/wareki.ts';
import { HbFace } from '../pdf/hb-subset.ts';
import { advance, hasGlyph, isVariationSelector, subsetFor } from '../pdf/fonts.ts';
import { RECEIPT_TEXTS, type ByPostId, type FollowUpId } from './texts.ts';

export interface ReceiptInput {
  ticket: string;
  /** The household head's family name: the only personal data on the receipt. */
  familyName: string;
  language: ResidentLanguage;
  /** Where to wait, as the office names it (Japanese; shown as it is on every receipt). */
  waitingArea: string;
  estimatedWaitMinutes: number | null;
  /** Titles of the procedures handed in (Japanese, the names other counters use). */
  handedIn: readonly string[];
  byPost: readonly ByPostId[];
  followUps: readonly FollowUpId[];
  /** Issue time as printed, e.g. 2026年12月2日 13:20, and the counter. */
  issuedAt: string;
  counter: string;
  /**
   * The public status URL of this number (office.publicStatusUrl with ?ticket=): printed as a QR
   * code with a line saying what it opens. Null: no code, and the receipt says nothing about it.
   */
  statusUrl?: string | null;
}

const BY_POST: readonly ByPostId[] = ['kokuho-ido', 'kaigo-hoken', 'kouki-koureisha', 'jidou-teate', 'kodomo-iryo'];

/** What arrives by post after these procedures (a 転出 ends them: nothing new is sent). */
export function byPostFor(move: MoveKind, procedureIds: readonly string[]): ByPostId[] {
  if (move === 'tenshutsu') return [];
  return BY_POST.filter((id) => procedureIds.includes(id));
}

/** 国民年金 第1号被保険者: from 20 to 59 (国民年金法 第7条: 20歳以上60歳未満). */
const PENSION_AGES = { from: 20, below: 60 } as const;

/**
 * What the household still has to do elsewhere, decided from the move and the members' ages on the
 * notice day. Deadlines as the texts print them: the 転入届 at the new municipality 14 days from the
 * move (住民基本台帳法 第22条), a vehicle's registration 15 days (道路運送車両法 第12条), the driving
 * licence and the school at once. 国民年金: a 転入 whose 国民健康保険 加入 (the kokuho-ido rule: a member
 * in 国保 and under 75) takes in a member aged 20–59 on the notice day, who is in the 国民年金 unless
 * employed: the ward's 国民年金 counter, within 14 days. Kept this simple on purpose: who is employed
 * (厚生年金) is not asked, and the counter sends on anyone who needs nothing.
 */
export function followUpsFor(h: Household): FollowUpId[] {
  const onDate = h.move.notificationDate ?? h.move.date;
  const schoolChild = h.members.some((m) => {
    const grade = schoolGrade(m.birthDate, onDate);
    return grade >= 1 && grade <= 9;
  });
  const pension =
    h.move.type === 'tennyu' &&
    h.members.some((m) => {
      const age = ageOn(m.birthDate, onDate);
      return m.facts.nationalHealthInsurance && age >= PENSION_AGES.from && age < PENSION_AGES.below;
    });
  const out: FollowUpId[] = [];
  if (schoolChild) out.push(h.move.type === 'tenshutsu' ? 'school-tenshutsu' : 'school-tennyu');
  if (h.move.type === 'tenshutsu') out.push('new-municipality');
  if (pension) out.push('national-pension');
  out.push('driving-licence', 'vehicle', 'employer');
  return out;
}

/** The estimate as a range, never one number that reads like a promise (rounded to 5 minutes). */
export function waitRange(minutes: number): { low: number; high: number } {
  const low = Math.max(0, Math.floor((minutes * 0.7) / 5) * 5);
  const high = Math.max(low + 5, Math.ceil((minutes * 1.5) / 5) * 5);
  return { low, high };
}

// ---- fonts ------------------------------------------------------------------------------

/** The forms' own BIZ UDゴシック and IPAmj明朝 (forms/pdf/fonts.ts, loaded once), and the faces only the receipt needs. */
type OwnFace = 'hangul' | 'hanzi' | 'latin';
type FaceKey = 'primary' | 'mj' | OwnFace;

const OWN_FACE_FILES: Record<OwnFace, string> = {
  hangul: '/usr/share/fonts/truetype/nanum/NanumGothic.ttf',
  hanzi: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  // BIZ UD Gothic lacks Vietnamese letters (ể ư ờ); Noto Sans has them all (the resident screen's face too).
  latin: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
};

/** Fonts tried in order for text in the resident's language (Japanese text uses BIZ UDゴシック → IPAmj明朝). */
const JAPANESE_FACES: readonly FaceKey[] = ['primary', 'mj'];
const LANGUAGE_FACES: Record<ResidentLanguage, readonly FaceKey[]> = {
  ja: JAPANESE_FACES,
  'ja-Hira': JAPANESE_FACES,
  en: JAPANESE_FACES,
  'zh-Hans': ['hanzi', ...JAPANESE_FACES],
  ko: ['hangul', ...JAPANESE_FACES],
  vi: ['latin', ...JAPANESE_FACES],
};

interface Face {
  metrics: fontkit.Font;
  hb: HbFace;
}
const ownFaces = new Map<OwnFace, Face>();

function ownFace(key: OwnFace): Face {
  let f = ownFaces.get(key);
  if (!f) {
    const bytes = readFileSync(OWN_FACE_FILES[key]);
    const created = fontkit.create(bytes) as fontkit.Font | { fonts: fontkit.Font[] };
    // A collection (.ttc): its first face, the one HarfBuzz opens at index 0.
    const metrics = 'fonts' in created ? created.fonts[0]! : created;
    f = { metrics, hb: new HbFace(bytes) };
    ownFaces.set(key, f);
  }
  return f;
}

const isFormFont = (key: FaceKey): key is 'primary' | 'mj' => key === 'primary' || key === 'mj';

function hasGlyphIn(key: FaceKey, cp: number): boolean {
  return isFormFont(key) ? hasGlyph(key, cp) : ownFace(key).metrics.hasGlyphForCodePoint(cp);
}

/** Advance width at 1 pt. */
function widthIn(key: FaceKey, ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (isFormFont(key)) return advance(key, cp);
  const m = ownFace(key).metrics;
  return m.glyphForCodePoint(cp).advanceWidth / m.unitsPerEm;
}

function subsetIn(key: FaceKey, chars: Set<string>): Promise<Uint8Array> | Uint8Array {
  if (isFormFont(key)) return subsetFor(key, chars);
  return ownFace(key).hb.subset(
    [...chars].map((ch) => ch.codePointAt(0)!),
    { dropTables: ['GSUB', 'GPOS', 'GDEF', 'vhea', 'vmtx', 'VORG', 'kern'], noHinting: true },
  );
}

interface Run {
  face: FaceKey;
  text: string;
  width: number; // at 1 pt
}

/** Splits text into runs by the first face that has each character; a character none has prints as 〓. */
function runs(text: string, chain: readonly FaceKey[]): Run[] {
  const out: Run[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isVariationSelector(cp)) continue; // the base character prints; a receipt needs no MJ variant
    const key = chain.find((k) => hasGlyphIn(k, cp));
    const shown = key ? ch : '〓';
    const use = key ?? 'primary';
    const width = widthIn(use, shown);
    const last = out.at(-1);
    if (last && last.face === use) {
      last.text += shown;
      last.width += width;
    } else out.push({ face: use, text: shown, width });
  }
  return out;
}

const NO_LINE_END = new Set([...'（(「『【〔«']);
const NO_LINE_START = new Set([...'、。，．,.）)」』】〕！？!?ー・：:；;']);

/** Breaks runs into lines no wider than `max` (at 1 pt), at spaces where there are any, else anywhere. */
function wrap(all: Run[], max: number): Run[][] {
  const lines: Run[][] = [];
  let line: Run[] = [];
  let width = 0;
  const push = (r: Run) => {
    const last = line.at(-1);
    if (last && last.face === r.face) {
      last.text += r.text;
      last.width += r.width;
    } else line.push({ ...r });
    width += r.width;
  };
  for (const run of all) {
    for (const ch of run.text) {
      const w = widthIn(run.face, ch);
      // 禁則: a closing mark never starts a line; it hangs past the margin instead.
      const hangs = NO_LINE_START.has(ch);
      if (width + w > max && line.length > 0 && !hangs) {
        // Prefer breaking after the last space on the line (Latin, Hangul and Vietnamese words).
        const flat = line.map((r) => r.text).join('');
        const space = flat.lastIndexOf(' ');
        if (space > 0 && ch !== ' ') {
          const carried = splitAt(line, space + 1);
          lines.push(carried.head);
          line = [];
          width = 0;
          for (const r of carried.tail) push(r);
        } else {
          // 禁則: an opening bracket never ends a line; it moves down with what it opens.
          const flatLine = [...line.map((r) => r.text).join('')];
          const opens = flatLine.length > 1 && NO_LINE_END.has(flatLine.at(-1)!);
          const carried = opens ? splitAt(line, flatLine.length - 1) : { head: line, tail: [] };
          lines.push(carried.head);
          line = [];
          width = 0;
          for (const r of carried.tail) push(r);
        }
      }
      if (ch === ' ' && line.length === 0) continue;
      push({ face: run.face, text: ch, width: w });
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Splits a line's runs at a character offset. */
function splitAt(line: Run[], offset: number): { head: Run[]; tail: Run[] } {
  const head: Run[] = [];
  const tail: Run[] = [];
  let seen = 0;
  for (const r of line) {
    const chars = [...r.text];
    const measure = (s: string) => [...s].reduce((a, c) => a + widthIn(r.face, c), 0);
    if (seen + chars.length <= offset) head.push(r);
    else if (seen >= offset) tail.push(r);
    else {
      const a = chars.slice(0, offset - seen).join('');
      const b = chars.slice(offset - seen).join('');
      head.push({ face: r.face, text: a, width: measure(a) });
      tail.push({ face: r.face, text: b, width: measure(b) });
    }
    seen += chars.length;
  }
  return { head, tail };
}

// ---- layout -----------------------------------------------------------------------------

/**
 * A4, the paper already in the counter's printer (an A5 page would stop an office printer asking
 * for A5 paper); the text is set large for residents who read without their glasses.
 */
const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const BULLET_INDENT = 16;
/** Every size below is multiplied by this: the layout was drawn for A5. */
const TYPE_SCALE = 1.35;

interface Block {
  text: string;
  /** A list item: a bullet, and the text in a column beside it (continuation lines align with the text). */
  bullet?: boolean;
  size: number;
  japanese?: boolean;
  center?: boolean;
  gapBefore?: number;
  rule?: boolean;
  /** A QR code of this text, drawn centred above the block's own text. */
  qr?: string;
}

function blocks(input: ReceiptInput): Block[] {
  const t = RECEIPT_TEXTS[input.language];
  const items = (lines: readonly string[], japanese = false): Block[] => lines.map((text) => ({ text, size: 10, japanese, bullet: true }));
  const out: Block[] = [
    { text: t.title, size: 15, center: true },
    { text: t.ticket, size: 11, center: true, gapBefore: 8 },
    { text: input.ticket, size: 54, center: true, japanese: true },
    { text: t.addressee.replace('{name}', input.familyName), size: 14, center: true, gapBefore: 2 },
    { text: t.waitAt, size: 11, gapBefore: 12, rule: true },
    { text: input.waitingArea, size: 13, japanese: true },
    { text: t.waitFor, size: 11, gapBefore: 6 },
  ];
  if (input.estimatedWaitMinutes === null) out.push({ text: t.waitUnknown, size: 13 });
  else {
    const { low, high } = waitRange(input.estimatedWaitMinutes);
    out.push({ text: t.waitRange.replace('{low}', String(low)).replace('{high}', String(high)), size: 13 });
  }
  out.push({ text: t.called, size: 10 });
  if (input.statusUrl) out.push({ text: t.statusQr, size: 10, center: true, gapBefore: 8, qr: input.statusUrl });
  out.push({ text: t.handedIn, size: 11, gapBefore: 10, rule: true }, ...items(input.handedIn, true));
  if (input.byPost.length > 0) out.push({ text: t.byPost, size: 11, gapBefore: 8 }, ...items(input.byPost.map((id) => t.byPostItems[id])));
  if (input.followUps.length > 0)
    out.push({ text: t.elsewhere, size: 11, gapBefore: 8 }, ...items(input.followUps.map((id) => t.followUps[id])));
  out.push({ text: t.keep, size: 9, gapBefore: 10, rule: true });
  out.push({ text: `${t.issued}: ${input.issuedAt}　${t.counter} ${input.counter}`, size: 9 });
  return out;
}

/** The QR code's side (pt): 34 mm, with its quiet zone, which a phone reads from an arm's length. */
const QR_SIDE = 96;

function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

interface Laid {
  qr: boolean[][] | null;
  lines: Run[][];
  bullet: boolean;
  size: number;
  center: boolean;
  gapBefore: number;
  rule: boolean;
}

function layout(input: ReceiptInput, scale: number): { laid: Laid[]; height: number } {
  const width = PAGE[0] - 2 * MARGIN;
  let height = 0;
  const laid = blocks(input).map((b): Laid => {
    const size = b.size * TYPE_SCALE * (b.size > 20 ? 1 : scale);
    const chain = b.japanese ? JAPANESE_FACES : LANGUAGE_FACES[input.language];
    const lines = wrap(runs(b.text, chain), (width - (b.bullet ? BULLET_INDENT : 0)) / size);
    const gapBefore = (b.gapBefore ?? 0) * TYPE_SCALE * scale;
    height += gapBefore + lines.length * size * 1.3 + (b.qr ? QR_SIDE : 0);
    return {
      qr: b.qr ? qrMatrix(b.qr) : null,
      lines,
      size,
      bullet: b.bullet ?? false,
      center: b.center ?? false,
      gapBefore,
      rule: b.rule ?? false,
    };
  });
  return { laid, height };
}

function drawLine(page: PDFPage, line: Run[], x: number, y: number, size: number, fonts: Map<FaceKey, PDFFont>): void {
  for (const r of line) {
    page.drawText(r.text, { x, y, size, font: fonts.get(r.face)!, color: rgb(0, 0, 0) });
    x += r.width * size;
  }
}

/** The receipt as a one-page PDF. Fonts are HarfBuzz subsets, embedded whole (see forms/pdf/fonts.ts). */
export async function renderReceipt(input: ReceiptInput): Promise<Uint8Array> {
  // Shrink the smaller text a little when a long list would run off the page (never the ticket).
  let scale = 1;
  let result = layout(input, scale);
  while (result.height > PAGE[1] - 2 * MARGIN && scale > 0.75) {
    scale -= 0.05;
    result = layout(input, scale);
  }
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  doc.setTitle(`受付票 ${input.ticket}`);
  const chars = new Map<FaceKey, Set<string>>();
  for (const b of result.laid)
    for (const line of b.lines)
      for (const r of line) {
        const set = chars.get(r.face) ?? new Set<string>();
        for (const ch of r.text) set.add(ch);
        chars.set(r.face, set);
      }
  const fonts = new Map<FaceKey, PDFFont>();
  for (const [key, set] of chars) {
    const bytes = await subsetIn(key, set);
    fonts.set(key, await doc.embedFont(bytes, { subset: false }));
  }
  const page = doc.addPage(PAGE);
  const width = PAGE[0] - 2 * MARGIN;
  let y = PAGE[1] - MARGIN;
  for (const b of result.laid) {
    y -= b.gapBefore;
    if (b.rule)
      page.drawLine({ start: { x: MARGIN, y: y + 2 }, end: { x: PAGE[0] - MARGIN, y: y + 2 }, thickness: 0.6, color: rgb(0.3, 0.3, 0.3) });
    if (b.qr) {
      // Modules as black squares with four modules of white around them (the quiet zone).
      const n = b.qr.length;
      const cell = QR_SIDE / (n + 8);
      const left = MARGIN + (width - QR_SIDE) / 2;
      y -= QR_SIDE;
      b.qr.forEach((row, r) =>
        row.forEach((dark, c) => {
          if (dark)
            page.drawRectangle({
              x: left + (c + 4) * cell,
              y: y + QR_SIDE - (r + 5) * cell,
              width: cell,
              height: cell,
              color: rgb(0, 0, 0),
            });
        }),
      );
    }
    b.lines.forEach((line, i) => {
      y -= b.size * 1.3;
      const lw = line.reduce((a, r) => a + r.width, 0) * b.size;
      const x = b.center ? MARGIN + (width - lw) / 2 : MARGIN + (b.bullet ? BULLET_INDENT : 0);
      if (b.bullet && i === 0) page.drawCircle({ x: MARGIN + 5, y: y + b.size * 0.6, size: 2.2, color: rgb(0, 0, 0) });
      drawLine(page, line, x, y + b.size * 0.25, b.size, fonts);
    });
  }
  return doc.save();
}
