// Whether the OS secret store Electron's safeStorage uses really protects the master key. On
// Linux without a keyring it falls back to `basic_text`: a fixed, public key, i.e. no protection.
// The app refuses to start then, with a message for IT staff, unless they start it with an
// explicit override (KIOSK_ALLOW_INSECURE_KEYSTORE=1), which is logged to stderr and recorded in
// the audit log (insecure-key-store, detail: the backend) at every start.
import { KioskError } from '../../domain/errors.ts';

export interface SecretStoreFacts {
  platform: NodeJS.Platform;
  /** safeStorage.isEncryptionAvailable() */
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() (Linux only; 'unknown' elsewhere). */
  backend: string;
  /** The explicit override, from the environment. */
  allowInsecure: boolean;
}

/** Backends that offer no protection at all. */
const INSECURE = new Set(['basic_text', 'unknown']);

/** Returns a warning to log (override in force), or null; throws when the app must not start. */
export function checkSecretStore(facts: SecretStoreFacts): string | null {
  const insecure = !facts.encryptionAvailable || (facts.platform === 'linux' && INSECURE.has(facts.backend));
  if (!insecure) return null;
  const what = facts.encryptionAvailable ? `backend ${facts.backend}` : 'no encryption available';
  if (facts.allowInsecure)
    return `INSECURE KEY STORE IN USE (${what}): KIOSK_ALLOW_INSECURE_KEYSTORE=1 is set; the master key is not protected by the OS.`;
  throw new KioskError('keys/unavailable', {
    ja: `OS の鍵保管庫が使えないため起動できません（${what}）。システム担当者へ: GNOME キーリングや KWallet を有効にしてください。やむを得ず保護なしで起動する場合は KIOSK_ALLOW_INSECURE_KEYSTORE=1 を設定します（記録されます）。`,
    en: `Refusing to start: the OS secret store offers no protection (${what}). Enable a keyring (gnome-keyring, KWallet), or set KIOSK_ALLOW_INSECURE_KEYSTORE=1 deliberately (logged).`,
  });
}
