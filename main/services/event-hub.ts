// Fan-out of data-free push events to whichever transport serves the renderers (ipcMain
// windows in Electron, server-sent events in the end-to-end bridge).
import type { EventName } from '../ipc/contract.ts';

export type EventListener = (event: EventName) => void;

export class EventHub {
  readonly #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(...events: EventName[]): void {
    for (const event of events) {
      for (const listener of this.#listeners) {
        try {
          listener(event);
        } catch {
          // A closed window must not stop the others from hearing the event.
        }
      }
    }
  }
}
