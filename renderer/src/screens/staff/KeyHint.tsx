// The shortcut shown on a button (「次へ Alt+N」). The button's accessible name stays its label;
// the keys are announced through aria-keyshortcuts (see screens/staff/shortcuts.ts).
import { shortcutLabel, type ShortcutAction } from './shortcuts.ts';

export function KeyHint({ action }: { action: ShortcutAction }) {
  return (
    <kbd className="key-hint" aria-hidden="true">
      {shortcutLabel(action)}
    </kbd>
  );
}
