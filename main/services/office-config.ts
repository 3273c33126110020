// The office's own settings for the counter app, from the deployment file named by KIOSK_CONFIG
// (the same file as the card policy, devices/card/card-policy.ts, which reads its "card" key):
//
//   {
//     "office": { "waitingArea": "2階 市民課前の待合ロビー（番号表示板の前）", "counter": "3" },
//     "printers": { "forms": "Counter3", "receipt": "Counter3-Receipt" },
//     "forms": { "profile": "sapporo" },
//     "staff": { "idleSignOutMinutes": 10 }
//   }
//
// - office.service: the office service (office/, docs/office.md) this counter pushes its events to:
//   { "url": "https://office.local:8470", "tokenFile": "/etc/kiosk/office-token" } (or "token": the
//   `add-machine` output's token itself). Without it the counter works alone, as before. The URL
//   must be https:// on the LAN; plain http:// is refused (office/insecure-url) unless the host is
//   the machine itself (127.0.0.1, ::1, localhost: tests and the demo). With it, the office numbers
//   this counter's visits and 「次の方を呼ぶ」 calls the hall's next resident (docs/office.md).
//   "caFile": the office's private CA certificate (PEM, an absolute path), trusted for its
//   https:// URL next to the public roots, when its certificate is not from a public CA.
// - office.pools: the categories whose waiting residents this counter calls (["tennyu", "tenkyo"]);
//   default every category.
//
// - office.publicStatusUrl: the public page that shows one number's status (the city's relay of
//   the office service's /status page, docs/office.md), e.g. "https://www.city.sapporo.jp/madoguchi/status".
//   With it the 受付票 carries a QR code of `<url>?ticket=A-012`; without it, no code and no word
//   about one. It needs office.service: a number only the counter knows has no status to show.
// - office.waitingArea: where residents wait, printed on the 受付票 as the office wrote it. It is
//   printed in Japanese in every language, under the heading in the resident's language: it names a
//   place by the words on the building's own signs, which a translation would not match.
// - office.counter: this machine's counter number (KIOSK_COUNTER overrides it; default 1). The
//   audit log, the events and the statistics name it; the sign-in form never asks for it.
// - printers.forms: the CUPS queue for the forms (KIOSK_PRINTER, when set, overrides it). There is
//   no default: without one the app starts, tells IT staff what to set (printer/not-configured)
//   and refuses to print. printers.receipt: a receipt printer for the 受付票 (KIOSK_RECEIPT_PRINTER
//   overrides it). Without one the 受付票 prints on the forms printer, as a page of its own.
// - demo: true (or KIOSK_DEMO=1): demo mode. Only then may the app print to a CUPS-PDF queue, which
//   writes every form set to disk in plain text (printer/pdf-queue-not-allowed otherwise).
// - staff.idleSignOutMinutes: staff are signed out after this long without touching their screen
//   (default 10), with a warning a minute before (main/services/staff-idle.ts).
// - forms.profile: the city profile (forms/profiles/): a shipped one by id, or the city's own file by
//   absolute path ending in .json. It decides which procedures are automatic and what each signature
//   box needs, for the console, the forms and the 受付票 alike (docs/forms.md).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { KioskError } from '../../domain/errors.ts';
import { DEFAULT_PROFILE } from '../../forms/index.ts';
import { counterId } from '../../domain/staff.ts';
import { categories, category, type Category } from '../../domain/request.ts';

/** Used until the office states its own words. */
export const DEFAULT_WAITING_AREA = '窓口前の待合ロビー';
/** This machine's counter number when neither KIOSK_COUNTER nor office.counter names one. */
export const DEFAULT_COUNTER = '1';
/** Staff sign-out after this long without activity, unless staff.idleSignOutMinutes says otherwise. */
export const DEFAULT_STAFF_IDLE_MINUTES = 10;

export interface OfficeConfig {
  readonly waitingArea: string;
  /** This machine's counter number (never what a renderer sends). */
  readonly counter: string;
  /** forms: null when nobody has chosen one yet (no default: printer/not-configured). */
  readonly printers: { readonly forms: string | null; readonly receipt: string | null };
  /** A shipped profile's id, or the absolute path of a city's own profile file. */
  readonly cityProfile: string;
  /** Demo mode (demo: true or KIOSK_DEMO=1): the only mode that may print to a CUPS-PDF queue. */
  readonly demo: boolean;
  /** Staff idle sign-out (ms). */
  readonly staffIdleSignOutMs: number;
  /** The office service and this machine's token; null: the counter works alone. */
  readonly service: OfficeServiceConfig | null;
  /** The public per-number status page (office.publicStatusUrl): the 受付票's QR code; null: none. */
  readonly publicStatusUrl: string | null;
  /** The categories this counter calls from (office.pools; default every category). */
  readonly pools: readonly Category[];
}

export interface OfficeServiceConfig {
  readonly url: string;
  readonly token: string;
  /** The office's private CA (PEM, office.service.caFile) to trust for its https:// URL; absent: the public roots only. */
  readonly ca?: string;
}

/** The token `add-machine` prints: `<machine>.<secret>` (office/machines.ts). */
const officeToken = z.string().regex(/^[A-Za-z0-9_-]{1,16}\.[A-Za-z0-9_-]{16,64}$/);
const officeService = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }),
    token: officeToken.optional(),
    tokenFile: z.string().regex(/^\/.+/).optional(),
    caFile: z.string().regex(/^\/.+/).optional(),
  })
  .refine((s) => (s.token === undefined) !== (s.tokenFile === undefined), { message: 'token or tokenFile', path: ['token'] });

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** http:// only to the machine itself; on the LAN the token must travel over TLS. */
export function checkOfficeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'http:' && !LOOPBACK.has(parsed.hostname) && !/^127\.\d+\.\d+\.\d+$/.test(parsed.hostname))
    throw new KioskError('office/insecure-url');
  return parsed.origin + parsed.pathname.replace(/\/+$/, '');
}

/** A CUPS queue name (CUPS allows printable characters but space, / and #; we keep to the usual ones). */
const printerName = z.string().regex(/^[A-Za-z0-9_.-]{1,127}$/);

const schema = z.looseObject({
  office: z
    .strictObject({
      waitingArea: z.string().trim().min(1).max(60).optional(),
      counter: counterId.optional(),
      service: officeService.optional(),
      pools: z.array(category).min(1).max(16).optional(),
      publicStatusUrl: z
        .url({ protocol: /^https?$/ })
        .max(200)
        .optional(),
    })
    .refine((o) => o.publicStatusUrl === undefined || o.service !== undefined, {
      message: 'publicStatusUrl needs service',
      path: ['publicStatusUrl'],
    })
    .optional(),
  printers: z.strictObject({ forms: printerName.optional(), receipt: printerName.optional() }).optional(),
  forms: z.strictObject({ profile: z.union([z.string().regex(/^[a-z0-9-]{1,40}$/), z.string().regex(/^\/.*\.json$/)]) }).optional(),
  demo: z.boolean().optional(),
  staff: z.strictObject({ idleSignOutMinutes: z.number().int().min(2).max(120).optional() }).optional(),
});

export function parseOfficeConfig(json: unknown, env: NodeJS.ProcessEnv = {}): OfficeConfig {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // The path of the first wrong key, never its value.
    const key = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new KioskError('app/config-invalid', {
      ja: `窓口の設定ファイル（KIOSK_CONFIG）の「${key}」が正しくありません。`,
      en: `The deployment configuration (KIOSK_CONFIG) is invalid at '${key}'.`,
    });
  }
  // A mistyped override is refused, never dropped: dropped, the counter silently became 窓口 1.
  const fromEnv = (name: string, check: z.ZodType): string | undefined => {
    const value = env[name];
    if (!value) return undefined;
    if (!check.safeParse(value).success)
      throw new KioskError('app/config-invalid', {
        ja: `環境変数 ${name} の値が正しくありません。`,
        en: `The environment variable ${name} is invalid.`,
      });
    return value;
  };
  const envPrinter = (name: string) => fromEnv(name, printerName);
  const envCounter = fromEnv('KIOSK_COUNTER', counterId);
  const counter = envCounter ?? parsed.data.office?.counter ?? DEFAULT_COUNTER;
  const service = parsed.data.office?.service ? readService(parsed.data.office.service) : null;
  // The office refuses every event naming another counter than the token's machine: caught here,
  // at start, instead of as a link that never catches up.
  if (service && service.token.split('.')[0] !== counter)
    throw new KioskError('app/config-invalid', {
      ja: `窓口番号（office.counter）「${counter}」が、窓口サービスに登録したこの端末の番号と違います。add-machine で登録した番号にそろえてください。`,
      en: `office.counter '${counter}' is not the machine id the office token was issued for; use the id given to add-machine.`,
    });
  return {
    waitingArea: parsed.data.office?.waitingArea ?? DEFAULT_WAITING_AREA,
    counter,
    printers: {
      forms: envPrinter('KIOSK_PRINTER') ?? parsed.data.printers?.forms ?? null,
      receipt: envPrinter('KIOSK_RECEIPT_PRINTER') ?? parsed.data.printers?.receipt ?? null,
    },
    cityProfile: parsed.data.forms?.profile ?? DEFAULT_PROFILE,
    demo: parsed.data.demo === true || env.KIOSK_DEMO === '1',
    staffIdleSignOutMs: (parsed.data.staff?.idleSignOutMinutes ?? DEFAULT_STAFF_IDLE_MINUTES) * 60_000,
    service,
    publicStatusUrl: parsed.data.office?.publicStatusUrl ?? null,
    pools: parsed.data.office?.pools ? [...new Set(parsed.data.office.pools)] : categories.map((c) => c.id),
  };
}

function readService(service: {
  url: string;
  token?: string | undefined;
  tokenFile?: string | undefined;
  caFile?: string | undefined;
}): OfficeServiceConfig {
  const url = checkOfficeUrl(service.url);
  const ca = service.caFile === undefined ? {} : { ca: readCa(service.caFile) };
  if (service.token !== undefined) return { url, token: service.token, ...ca };
  let token: string;
  try {
    token = readFileSync(service.tokenFile ?? '', 'utf8').trim();
  } catch {
    token = '';
  }
  // The file's path, never its content.
  if (!officeToken.safeParse(token).success)
    throw new KioskError('app/config-invalid', {
      ja: `窓口の設定ファイル（KIOSK_CONFIG）の「office.service.tokenFile」のファイルを読めないか、中身が端末の認証情報ではありません。`,
      en: `The file named by office.service.tokenFile (KIOSK_CONFIG) is unreadable or does not hold a machine token.`,
    });
  return { url, token, ...ca };
}

function readCa(path: string): string {
  let pem = '';
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    // reported below
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new KioskError('app/config-invalid', {
      ja: '窓口の設定ファイル（KIOSK_CONFIG）の「office.service.caFile」のファイルを読めないか、中身が PEM 形式の CA 証明書ではありません。',
      en: 'The file named by office.service.caFile (KIOSK_CONFIG) is unreadable or is not a PEM CA certificate.',
    });
  return pem;
}

/** Reads the office settings from the file named by KIOSK_CONFIG, if any (the defaults otherwise). */
export function loadOfficeConfig(env: NodeJS.ProcessEnv = process.env): OfficeConfig {
  const path = env.KIOSK_CONFIG;
  if (!path) return parseOfficeConfig({}, env);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new KioskError('app/config-invalid');
  }
  return parseOfficeConfig(json, env);
}
