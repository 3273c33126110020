// Channel names of the IPC contract, kept free of schema code so that the sandboxed
// preload (which cannot load node_modules) bundles only this list.
export const CHANNEL_PREFIX = 'kiosk:';

export const channelNames = ['app:info'] as const;

export type ChannelName = (typeof channelNames)[number];
