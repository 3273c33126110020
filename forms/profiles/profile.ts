// City profiles: what differs between municipalities is configuration, not code. A profile says
// which procedures the city's own systems do by themselves for a move (nothing is printed, the
// checklist says so) and which signatures the city requires per form. Format: docs/forms.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { KioskError } from '../../domain/errors.ts';
import { moveKind } from '../../domain/move.ts';

/**
 * What a signature box needs (since the 2021 押印 review many forms take a printed name, 記名,
 * once identity is checked): the resident's own signature; the name printed by us; or one
 * signature on a 一括確認書 (combined confirmation sheet) that lists every form it covers, printed
 * with the set. A 一括確認書 is signed by the 届出人, so it covers only boxes the 届出人 signs.
 */
export const signatureRequirement = z.enum(['hand-signature', 'printed-name-accepted', 'covered-by-confirmation-sheet']);
export type SignatureRequirement = z.output<typeof signatureRequirement>;

const source = z.string().trim().min(1).max(400);

export const cityProfileSchema = z.strictObject({
  $comment: z.string().optional(),
  /** File name without .json; letters, digits and hyphens. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Shown in reasons, e.g. 札幌市. */
  name: z.string().trim().min(1).max(40),
  /** Procedures the city does by itself for a move type: not printed, listed on the checklist with the note. */
  automatic: z
    .array(
      z.strictObject({
        procedure: z.string().min(1),
        moveType: moveKind,
        /** e.g. 児童手当は転居届により自動的に住所が更新されます（届出は不要です）. */
        note: z.string().trim().min(1).max(200),
        source,
      }),
    )
    .default([]),
  /** Per form id: what its signature boxes need in this city, overriding the definition's default. */
  signatures: z.record(z.string().regex(/^[a-z0-9-]+$/), z.strictObject({ requirement: signatureRequirement, source })).default({}),
});

export type CityProfile = z.output<typeof cityProfileSchema>;

export const PROFILES_DIR = import.meta.dirname;
export const DEFAULT_PROFILE = 'default';

/** automatic[0].moveType, as household errors write paths. */
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

/** Validates a profile (untrusted JSON); the error names the key, never the value. */
export function parseProfile(json: unknown, name = 'profile'): CityProfile {
  const parsed = cityProfileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0]!;
  const key =
    first.code === 'unrecognized_keys'
      ? pathText([...first.path, first.keys[0]!.replace(/[^\w.$-]/g, '?').slice(0, 40)])
      : pathText(first.path);
  const what =
    first.code === 'unrecognized_keys'
      ? '未知の項目 / unknown key'
      : first.code === 'invalid_value'
        ? '選べる値ではありません / not an allowed value'
        : first.message;
  throw new KioskError('forms/bad-profile', {
    ja: `市区町村プロファイルが不正です: ${name}: ${key}: ${what}`,
    en: `Invalid city profile: ${name}: ${key}: ${what}`,
  });
}

const cache = new Map<string, CityProfile>();

/** A shipped profile by id (forms/profiles/<id>.json), or a city's own file by path (ending in .json). */
export function loadProfile(idOrPath: string = DEFAULT_PROFILE): CityProfile {
  const cached = cache.get(idOrPath);
  if (cached) return cached;
  const isPath = idOrPath.endsWith('.json');
  if (!isPath && !/^[a-z0-9-]+$/.test(idOrPath)) throw new KioskError('forms/profile-not-found');
  const file = isPath ? idOrPath : join(PROFILES_DIR, `${idOrPath}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new KioskError('forms/profile-not-found');
    throw new KioskError('forms/bad-profile', {
      ja: '市区町村プロファイルがJSONとして読めません',
      en: 'The city profile is not valid JSON.',
    });
  }
  const profile = parseProfile(raw, isPath ? 'file' : idOrPath);
  if (!isPath) cache.set(idOrPath, profile);
  return profile;
}
