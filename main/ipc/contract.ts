// The IPC contract between the renderer (untrusted) and the main process: channel names,
// request and response schemas. Shared by electron/ (wiring), main/ (handlers) and renderer/
// (typed client). Plain TypeScript + zod only: no Node or Electron imports.
import { z } from 'zod';
import type { ChannelName } from './channels.ts';

export { CHANNEL_PREFIX, channelNames, type ChannelName } from './channels.ts';

export const contract = {
  'app:info': {
    request: z.object({}).strict(),
    response: z.object({
      name: z.string(),
      version: z.string(),
      demoMode: z.boolean(),
    }),
  },
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

/** The API the preload exposes as `window.kiosk`. */
export type KioskApi = {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
};
