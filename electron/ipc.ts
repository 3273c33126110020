// Wires the shared handler registry (main/ipc) to ipcMain. Only frames served from the app
// origin may call; every payload is validated by dispatch() before any handler runs.
import { ipcMain } from 'electron';
import { CHANNEL_PREFIX, channelNames } from '../main/ipc/contract.ts';
import { dispatch, IpcRequestError, type HandlerMap } from '../main/ipc/registry.ts';
import { isAppUrl } from './security.ts';

export function registerIpc(handlers: HandlerMap): void {
  for (const channel of channelNames) {
    ipcMain.handle(`${CHANNEL_PREFIX}${channel}`, async (event, payload: unknown) => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(frameUrl)) throw new IpcRequestError('forbidden-sender', '許可されていない画面からの要求です / forbidden sender');
      return dispatch(handlers, channel, payload);
    });
  }
}
