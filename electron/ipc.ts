// Wires the shared handler registry (main/ipc) to ipcMain, and push events to the windows.
// Only the app's own windows, loaded from the app origin, may call; which screen a window is
// comes from main's own record of the windows it created, never from the renderer.
import { KioskError, serializeError } from '../domain/errors.ts';
import { ipcMain, type WebContents } from 'electron';
import { CHANNEL_PREFIX, EVENT_CHANNEL, channelNames, eventScreens, type ScreenName } from '../main/ipc/contract.ts';
import { handle, type HandlerMap } from '../main/ipc/registry.ts';
import type { EventHub } from '../main/services/event-hub.ts';
import { isAppUrl } from './security.ts';

export type ScreenLookup = (contents: WebContents) => ScreenName | null;

export function registerIpc(handlers: HandlerMap, screenOf: ScreenLookup): void {
  for (const channel of channelNames) {
    ipcMain.handle(`${CHANNEL_PREFIX}${channel}`, (event, payload: unknown) => {
      const frame = event.senderFrame;
      const screen = screenOf(event.sender);
      if (!frame || frame.parent !== null || !isAppUrl(frame.url) || !screen) {
        return { ok: false, error: serializeError(new KioskError('ipc/forbidden-sender')) };
      }
      return handle(handlers, channel, payload, { screen });
    });
  }
}

export function forwardEvents(events: EventHub, windows: () => Iterable<{ screen: ScreenName; contents: WebContents }>): () => void {
  return events.subscribe((event) => {
    for (const { screen, contents } of windows()) {
      if (eventScreens[event].includes(screen) && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
    }
  });
}
