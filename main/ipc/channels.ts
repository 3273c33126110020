// Channel and event names of the IPC contract, kept free of schema code so that the
// sandboxed preload (which cannot load node_modules) bundles only these lists.
export const CHANNEL_PREFIX = 'kiosk:';
export const EVENT_CHANNEL = 'kiosk-event';

/** The staff console's steps, in order (staff can go back to any earlier one). */
export const steps = ['card', 'members', 'move', 'procedures', 'preview', 'print', 'ticket'] as const;
export type Step = (typeof steps)[number];

// The three windows. Each channel says which of them may call it (checked in main).
import { screenNames, type ScreenName } from '../../domain/staff.ts';
export { screenNames, type ScreenName };

export const channelNames = [
  'app:info',
  'app:open-dashboard',
  'status:get',
  'auth:sign-in',
  'auth:sign-out',
  'auth:whoami',
  'auth:idle',
  'auth:stay-signed-in',
  'session:get',
  'session:start',
  'session:read-card',
  'session:update-member',
  'session:add-member',
  'session:remove-member',
  'session:set-move',
  'session:set-facts',
  'session:set-notice',
  'session:toggle-form',
  'session:go-to',
  'session:preview',
  'session:preview-page',
  'session:print',
  'session:issue-ticket',
  'session:end',
  'session:keep-alive',
  'session:idle-expired',
  'postal:lookup',
  'resident:view',
  'resident:pin-submit',
  'resident:pin-cancel',
  'resident:set-language',
  'resident:request-correction',
  'session:clear-correction',
  'session:reprint',
  'session:print-outcome',
  'session:park',
  'session:resume',
  'hall:call-next',
  'hall:recall',
  'hall:no-show',
  'hall:call-number',
  'hall:transfer',
  'queue:live',
  'queue:advance',
  'stats:dashboard',
  'stats:csv',
  'office:floor',
  'office:resolve-flag',
] as const;
export type ChannelName = (typeof channelNames)[number];

/**
 * Push events from main to renderers. They carry no data (and so no personal data): a
 * renderer that receives one re-reads its view through a validated invoke channel.
 */
export const eventNames = ['status-changed', 'session-changed', 'resident-changed', 'queue-changed', 'wipe', 'auth-changed'] as const;
export type EventName = (typeof eventNames)[number];

/** Which screen may call which channel; everything else is refused in main. */
export const channelScreens: Record<ChannelName, readonly ScreenName[]> = {
  'app:info': ['staff', 'resident', 'supervisor'],
  'app:open-dashboard': ['staff'],
  'status:get': ['staff', 'supervisor'],
  'auth:sign-in': ['staff', 'supervisor'],
  'auth:sign-out': ['staff', 'supervisor'],
  'auth:whoami': ['staff', 'supervisor'],
  'auth:idle': ['staff', 'supervisor'],
  'auth:stay-signed-in': ['staff', 'supervisor'],
  'session:get': ['staff'],
  'session:start': ['staff'],
  'session:read-card': ['staff'],
  'session:update-member': ['staff'],
  'session:add-member': ['staff'],
  'session:remove-member': ['staff'],
  'session:set-move': ['staff'],
  'session:set-facts': ['staff'],
  'session:set-notice': ['staff'],
  'session:toggle-form': ['staff'],
  'session:go-to': ['staff'],
  'session:preview': ['staff'],
  'session:preview-page': ['staff'],
  'session:print': ['staff'],
  'session:issue-ticket': ['staff'],
  'session:end': ['staff'],
  'session:keep-alive': ['staff', 'resident'],
  'session:idle-expired': ['staff', 'resident'],
  'postal:lookup': ['staff'],
  'resident:view': ['resident'],
  'resident:pin-submit': ['resident'],
  'resident:pin-cancel': ['resident'],
  'resident:set-language': ['resident'],
  'resident:request-correction': ['resident'],
  'session:clear-correction': ['staff'],
  'session:reprint': ['staff'],
  'session:print-outcome': ['staff'],
  'session:park': ['staff'],
  'session:resume': ['staff'],
  'hall:call-next': ['staff'],
  'hall:recall': ['staff'],
  'hall:no-show': ['staff'],
  'hall:call-number': ['staff'],
  'hall:transfer': ['staff'],
  'queue:live': ['staff', 'supervisor'],
  'queue:advance': ['staff', 'supervisor'],
  'stats:dashboard': ['supervisor'],
  'stats:csv': ['supervisor'],
  'office:floor': ['supervisor'],
  'office:resolve-flag': ['supervisor'],
};

/** Which events each screen receives (the resident screen never hears about the queue). */
export const eventScreens: Record<EventName, readonly ScreenName[]> = {
  'status-changed': ['staff', 'supervisor'],
  'session-changed': ['staff'],
  'resident-changed': ['resident'],
  'queue-changed': ['staff', 'supervisor'],
  wipe: ['staff', 'resident', 'supervisor'],
  // Idle sign-out: a warning began or ended, or a screen was signed out (re-read auth:idle / auth:whoami).
  'auth-changed': ['staff', 'supervisor'],
};
