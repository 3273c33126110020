// The renderer's only door to the main process: one typed `window.kiosk` object. Channels
// outside the contract are refused here and again in the main process.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_PREFIX, channelNames } from '../main/ipc/channels.ts';
import type { KioskApi } from '../main/ipc/contract.ts';

const allowed = new Set<string>(channelNames);

const api: KioskApi = {
  invoke(channel, request) {
    if (!allowed.has(channel)) return Promise.reject(new Error('unknown channel'));
    return ipcRenderer.invoke(`${CHANNEL_PREFIX}${channel}`, request);
  },
};

contextBridge.exposeInMainWorld('kiosk', api);
