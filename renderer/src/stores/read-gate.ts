// Orders the asynchronous reads of one view. Push events can trigger several reads at once and
// their answers may arrive out of order: only the newest read may land, and wipe() discards
// every read still in flight, so an old answer can neither show stale data nor refill a
// screen that was just wiped of personal data.
export interface ReadGate {
  /** Starts a read; the returned function says whether its answer may still be applied. */
  begin(): () => boolean;
  /** Discards every read in flight. */
  invalidate(): void;
}

export function createReadGate(): ReadGate {
  let generation = 0;
  return {
    begin() {
      const mine = ++generation;
      return () => mine === generation;
    },
    invalidate() {
      generation++;
    },
  };
}
