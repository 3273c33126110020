// Builds the IPC handler map from the application services.
import type { HandlerMap } from './ipc/registry.ts';

export interface AppInfo {
  name: string;
  version: string;
  demoMode: boolean;
}

export function createHandlers(info: AppInfo): HandlerMap {
  return {
    'app:info': () => ({ ...info }),
  };
}
