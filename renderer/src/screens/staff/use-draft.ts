// What staff just changed, shown at once while main decides the visit again. A controlled box
// shows main's view, so without this a click is undone on screen until the round trip ends (and
// on a busy counter PC looks as if it did not take).
import { useState } from 'react';

/**
 * `shown` is main's values with staff's unanswered changes on top; `change(patch, send)` shows the
 * patch at once and drops it again when main has answered (its view then holds the value, or the
 * error panel says why not and the box shows main's value).
 */
export function useDraft<T extends object>(fromMain: T): { shown: T; change(patch: Partial<T>, send: () => Promise<void>): void } {
  const [draft, setDraft] = useState<Partial<T>>({});
  return {
    shown: { ...fromMain, ...draft },
    change(patch, send) {
      setDraft((d) => ({ ...d, ...patch }));
      void send().finally(() =>
        setDraft((d) => {
          const rest = { ...d };
          // A newer change to the same key is still on its way: keep it.
          for (const key of Object.keys(patch) as (keyof T)[]) if (rest[key] === patch[key]) delete rest[key];
          return rest;
        }),
      );
    },
  };
}
