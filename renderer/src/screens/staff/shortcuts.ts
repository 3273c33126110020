// Keyboard shortcuts of the staff console: Alt + a letter presses the visible button marked with
// that action (`data-shortcut`), so every primary action is one chord from anywhere on the step.
// Alt + letter: Chromium and Electron (no application menu) use none of these, and the key is read
// from `event.code` (the physical key), so it works with a Japanese IME on and any layout; a key
// press that is part of an IME composition is never taken.
import { useEffect } from 'react';

export const SHORTCUTS = {
  /** The step's primary forward action (次へ, 保存して手続きへ, プレビューを作成, 番号札を発行). */
  next: 'N',
  /** Back to the previous step. */
  back: 'B',
  /** Print the previewed forms. */
  print: 'P',
  /** Read a (another) My Number card. */
  read: 'R',
  /** Add a person without a card by hand. */
  add: 'A',
} as const;
export type ShortcutAction = keyof typeof SHORTCUTS;

/** What a button shows and announces for its shortcut, e.g. "Alt+N". */
export function shortcutLabel(action: ShortcutAction): string {
  return `Alt+${SHORTCUTS[action]}`;
}

/** Spread onto the button: the handler finds it, and assistive technology announces the keys. */
export function shortcutProps(action: ShortcutAction): { 'data-shortcut': ShortcutAction; 'aria-keyshortcuts': string } {
  return { 'data-shortcut': action, 'aria-keyshortcuts': shortcutLabel(action) };
}

const ACTION_BY_CODE = new Map<string, ShortcutAction>(
  (Object.entries(SHORTCUTS) as [ShortcutAction, string][]).map(([action, letter]) => [`Key${letter}`, action]),
);

/** The shortcut a key press means, or null (exported for the unit test). */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code' | 'isComposing' | 'keyCode'>,
): ShortcutAction | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  // 229: the key went to the IME (Chromium reports it so while a composition is open).
  if (event.isComposing || event.keyCode === 229) return null;
  return ACTION_BY_CODE.get(event.code) ?? null;
}

function usable(element: HTMLElement): boolean {
  if ((element as HTMLButtonElement).disabled) return false;
  // Not shown (a closed <details>, display:none): not a button staff can see.
  return element.getClientRects().length > 0;
}

/** Presses the button for the action, if the page shows one that is enabled; true when it did. */
export function pressShortcut(root: ParentNode, action: ShortcutAction): boolean {
  const button = [...root.querySelectorAll<HTMLElement>(`[data-shortcut="${action}"]`)].find(usable);
  if (!button) return false;
  // An input saves on blur (フリガナ, 続柄): let it save before the step changes.
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== button && active.matches('input, select, textarea')) active.blur();
  button.click();
  return true;
}

/** The console's one key handler (StaffConsole uses it once). */
export function useStaffShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutOf(event);
      if (action && pressShortcut(document, action)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
