// Staff console state. Holds the visit's personal data only while the visit lasts: wipe()
// replaces everything with the initial state (called on the main process's 'wipe' event).
import { create } from 'zustand';
import type { DeviceStatus, SessionView, StaffIdentity, UiError } from '../../../main/ipc/contract.ts';
import { asUiError, call } from '../kiosk.ts';
import { createReadGate } from './read-gate.ts';

const sessionReads = createReadGate();
const statusReads = createReadGate();

/** Runs a staff action: shows it as pending, applies the session view it answers, keeps its error. */
export type Run = (label: string, action: () => Promise<SessionView | unknown>) => Promise<void>;

interface StaffState {
  staff: StaffIdentity | null;
  session: SessionView | null;
  status: DeviceStatus | null;
  error: UiError | null;
  pending: string | null;
  refreshSession(): Promise<void>;
  refreshStatus(): Promise<void>;
  run: Run;
  setStaff(staff: StaffIdentity | null): void;
  clearError(): void;
  wipe(): void;
}

const initial = { session: null, error: null, pending: null } as const;

export const useStaffStore = create<StaffState>()((set, get) => ({
  staff: null,
  status: null,
  ...initial,
  async refreshSession() {
    if (!get().staff) return;
    const current = sessionReads.begin();
    try {
      const session = await call('session:get', {});
      if (current()) set({ session });
    } catch (error) {
      if (current()) set({ error: asUiError(error) });
    }
  },
  async refreshStatus() {
    const current = statusReads.begin();
    try {
      const status = await call('status:get', {});
      if (current()) set({ status });
    } catch {
      if (current()) set({ status: null });
    }
  },
  async run(label, action) {
    set({ pending: label, error: null });
    try {
      const result = await action();
      if (result && typeof result === 'object' && 'step' in result) {
        // The action's answer is newer than any read started before it finished.
        sessionReads.invalidate();
        set({ session: result as SessionView });
      }
    } catch (error) {
      set({ error: asUiError(error) });
    } finally {
      set({ pending: null });
    }
  },
  setStaff(staff) {
    set({ staff });
  },
  clearError() {
    set({ error: null });
  },
  wipe() {
    sessionReads.invalidate();
    set({ ...initial });
  },
}));
