// Online guessing of staff passwords: per staff id, each failure makes the next attempt wait
// longer (exponential back-off), and a run of failures locks the id out for a while. An attempt
// during the back-off or the lock-out is refused without checking the password, so it teaches
// the guesser nothing. Attempts for one id run one at a time, each checked when its turn comes:
// attempts fired at once would otherwise all pass the check during the first one's password
// hashing, before its failure is counted. Per id, in memory: restarting the app is an action
// staff would notice.
import { KioskError } from '../../domain/errors.ts';

export interface SignInPolicy {
  /** Consecutive failures that lock the id out. */
  maxFailures: number;
  lockoutMs: number;
  /** The wait after the first failure; doubled after each further one, up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = { maxFailures: 5, lockoutMs: 15 * 60_000, backoffBaseMs: 1_000, backoffMaxMs: 30_000 };

interface Failures {
  count: number;
  /** No attempt is checked before this moment. */
  until: number;
}

export class SignInGuard {
  readonly #policy: SignInPolicy;
  readonly #now: () => number;
  readonly #failures = new Map<string, Failures>();
  /** Per id, the attempt running (or the last one queued): the next one starts once it settled. */
  readonly #running = new Map<string, Promise<void>>();

  constructor(policy: SignInPolicy = DEFAULT_SIGN_IN_POLICY, now: () => number = Date.now) {
    this.#policy = policy;
    this.#now = now;
  }

  /**
   * Runs one sign-in attempt for the id after any attempt for it still running: `attempt` calls
   * check() first, so a queued attempt sees the failures counted by those before it.
   */
  async exclusive<T>(staffId: string, attempt: () => Promise<T>): Promise<T> {
    const before = this.#running.get(staffId) ?? Promise.resolve();
    const mine = before.then(attempt);
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.#running.set(staffId, settled);
    try {
      return await mine;
    } finally {
      if (this.#running.get(staffId) === settled) this.#running.delete(staffId);
    }
  }

  /** Throws `auth/locked` while the id backs off or is locked out. */
  check(staffId: string): void {
    const entry = this.#failures.get(staffId);
    if (!entry || this.#now() >= entry.until) return;
    const minutes = Math.ceil((entry.until - this.#now()) / 60_000);
    throw new KioskError('auth/locked', {
      ja: `サインインの失敗が続いたため、この職員IDは一時的に使えません（約${minutes}分）。`,
      en: `Too many failed sign-ins for this staff id; try again in about ${minutes} min.`,
    });
  }

  /** Records a failure; returns whether the id is now locked out. */
  failed(staffId: string): { lockedOut: boolean } {
    const count = (this.#failures.get(staffId)?.count ?? 0) + 1;
    const lockedOut = count >= this.#policy.maxFailures;
    const wait = lockedOut ? this.#policy.lockoutMs : Math.min(this.#policy.backoffBaseMs * 2 ** (count - 1), this.#policy.backoffMaxMs);
    // After a lock-out the count starts again, so the next failure backs off (and five more lock again).
    this.#failures.set(staffId, { count: lockedOut ? 0 : count, until: this.#now() + wait });
    return { lockedOut };
  }

  succeeded(staffId: string): void {
    this.#failures.delete(staffId);
  }
}
