// Staff console state. Holds the visit's personal data only while the visit lasts: wipe()
// replaces everything with the initial state (called on the main process's 'wipe' event).
import { create } from 'zustand';
import type { DeviceStatus, SessionView, StaffIdentity, UiError } from '../../../main/ipc/contract.ts';
import { asUiError, call } from '../kiosk.ts';

interface StaffState {
  staff: StaffIdentity | null;
  session: SessionView | null;
  status: DeviceStatus | null;
  error: UiError | null;
  pending: string | null;
  refreshSession(): Promise<void>;
  refreshStatus(): Promise<void>;
  run(label: string, action: () => Promise<SessionView | unknown>): Promise<void>;
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
    try {
      set({ session: await call('session:get', {}) });
    } catch (error) {
      set({ error: asUiError(error) });
    }
  },
  async refreshStatus() {
    try {
      set({ status: await call('status:get', {}) });
    } catch {
      set({ status: null });
    }
  },
  async run(label, action) {
    set({ pending: label, error: null });
    try {
      const result = await action();
      if (result && typeof result === 'object' && 'step' in result) set({ session: result as SessionView });
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
    set({ ...initial });
  },
}));
