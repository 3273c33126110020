// Staff idle sign-out, decided in main: a signed-in screen (the staff console, the supervisor
// dashboard) that nobody has touched for the office's idle period (office config
// staff.idleSignOutMinutes, default 10) is signed out. A minute before, its screen is told to warn
// (a data-free 'auth-changed' push; the screen re-reads `auth:idle`), and anything staff do then,
// or 続ける / Continue, keeps them signed in. The renderer only shows the warning: it cannot keep a
// screen signed in other than by acting on it, nor sign it out early.
//
// What "touching" is comes from the handlers (main/app-handlers.ts): every call from that screen
// except the ones a screen makes by itself (polls, re-reads after a push event).
import type { ScreenName } from '../../domain/staff.ts';

const STAFF_SCREENS: readonly ScreenName[] = ['staff', 'supervisor'];

/** The warning comes this long before the sign-out. */
export const STAFF_IDLE_WARNING_MS = 60_000;

export interface StaffIdleDeps {
  /** Sign-out after this long without activity (ms). */
  idleMs: number;
  warningMs?: number | undefined;
  now(): number;
  signedIn(screen: ScreenName): boolean;
  /** A screen entered or left its warning period. */
  warningChanged(screen: ScreenName): void;
  /**
   * The idle period is over: sign the screen out. Returns false when it cannot be done now (a card
   * read or a print is running for the open visit); the monitor tries again at its next check.
   */
  signOut(screen: ScreenName): boolean;
}

export class StaffIdleMonitor {
  readonly #deps: StaffIdleDeps;
  readonly #lastActivity = new Map<ScreenName, number>();
  readonly #warned = new Set<ScreenName>();

  constructor(deps: StaffIdleDeps) {
    this.#deps = deps;
  }

  get idleMs(): number {
    return this.#deps.idleMs;
  }

  get #warningMs(): number {
    return Math.min(this.#deps.warningMs ?? STAFF_IDLE_WARNING_MS, this.#deps.idleMs);
  }

  /** Staff acted on this screen (or signed in there): the idle period starts again. */
  touch(screen: ScreenName): void {
    this.#lastActivity.set(screen, this.#deps.now());
    if (this.#warned.delete(screen)) this.#deps.warningChanged(screen);
  }

  /** The screen was signed out (by staff or by this monitor). */
  forget(screen: ScreenName): void {
    this.#lastActivity.delete(screen);
    if (this.#warned.delete(screen)) this.#deps.warningChanged(screen);
  }

  /** Seconds until the sign-out while the screen is in its warning period; null otherwise. */
  secondsLeft(screen: ScreenName): number | null {
    const last = this.#lastActivity.get(screen);
    if (last === undefined || !this.#deps.signedIn(screen)) return null;
    const left = last + this.#deps.idleMs - this.#deps.now();
    if (left > this.#warningMs) return null;
    return Math.max(0, Math.ceil(left / 1000));
  }

  /** Runs every second in the app (app-services.ts); tests call it after moving their clock. */
  check(): void {
    const now = this.#deps.now();
    // A screen signed in without this monitor hearing of it (a composition root signing in directly) is timed from now.
    for (const screen of STAFF_SCREENS)
      if (this.#deps.signedIn(screen) && !this.#lastActivity.has(screen)) this.#lastActivity.set(screen, now);
    for (const [screen, last] of [...this.#lastActivity]) {
      if (!this.#deps.signedIn(screen)) {
        this.forget(screen);
        continue;
      }
      const idle = now - last;
      if (idle >= this.#deps.idleMs) {
        if (this.#deps.signOut(screen)) this.forget(screen);
      } else if (idle >= this.#deps.idleMs - this.#warningMs && !this.#warned.has(screen)) {
        this.#warned.add(screen);
        this.#deps.warningChanged(screen);
      }
    }
  }
}
