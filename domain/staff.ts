// Counter staff as the app knows them: an id, a role and the counter they sit at (codes only).
import { z } from 'zod';

/** Staff ids and counter numbers are short codes: they go into events, statistics and the audit log. */
export const staffId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
export const counterId = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/);

export const role = z.enum(['staff', 'supervisor']);
export type Role = z.infer<typeof role>;

export const staffIdentity = z.object({ staffId: z.string(), role, counter: z.string() });
export type StaffIdentity = z.infer<typeof staffIdentity>;

/** The app's windows; each is signed in separately (the resident screen never is). */
export const screenNames = ['staff', 'resident', 'supervisor'] as const;
export type ScreenName = (typeof screenNames)[number];
