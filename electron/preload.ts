// The renderer's only door to the main process: one typed `window.kiosk` object. Channels and
// events outside the contract are refused here and again in the main process, which also
// decides which screen a window is (this file only reports it, for routing).
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_PREFIX, EVENT_CHANNEL, channelNames, eventNames, screenNames, type ScreenName } from '../main/ipc/channels.ts';
import type { KioskApi } from '../main/ipc/contract.ts';

const allowedChannels = new Set<string>(channelNames);
const allowedEvents = new Set<string>(eventNames);
const screenArgument = process.argv.find((a) => a.startsWith('--kiosk-screen='))?.slice('--kiosk-screen='.length) ?? '';
// An unknown value falls back to the least privileged screen.
const screen: ScreenName = (screenNames as readonly string[]).includes(screenArgument) ? (screenArgument as ScreenName) : 'resident';

const api: KioskApi = {
  screen,
  invoke(channel, request) {
    if (!allowedChannels.has(channel)) return Promise.reject(new Error('unknown channel'));
    return ipcRenderer.invoke(`${CHANNEL_PREFIX}${channel}`, request);
  },
  on(event, listener) {
    if (!allowedEvents.has(event)) throw new Error('unknown event');
    // The IpcRendererEvent (with its sender) never reaches page code.
    const wrapped = (_event: unknown, name: unknown) => {
      if (name === event) listener();
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('kiosk', api);
