// Supervisor dashboard state: statistics only (ticket numbers, times, procedure codes).
import { create } from 'zustand';
import type { Dashboard, StaffIdentity, UiError } from '../../../main/ipc/contract.ts';
import { asUiError, call } from '../kiosk.ts';
import { createReadGate } from './read-gate.ts';

const dashboardReads = createReadGate();

/** Today in the office's time zone (the queue counts days in JST, whatever the PC's zone). */
export function localDate(date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

interface DashboardState {
  staff: StaffIdentity | null;
  from: string;
  to: string;
  data: Dashboard | null;
  error: UiError | null;
  loading: boolean;
  setStaff(staff: StaffIdentity | null): void;
  setRange(from: string, to: string): void;
  refresh(): Promise<void>;
  wipe(): void;
}

export const useDashboardStore = create<DashboardState>()((set, get) => ({
  staff: null,
  from: localDate(),
  to: localDate(),
  data: null,
  error: null,
  loading: false,
  setStaff(staff) {
    set({ staff });
  },
  setRange(from, to) {
    set({ from, to });
  },
  async refresh() {
    if (get().staff?.role !== 'supervisor') return;
    set({ loading: true });
    const current = dashboardReads.begin();
    try {
      const data = await call('stats:dashboard', { from: get().from, to: get().to });
      if (current()) set({ data, error: null });
    } catch (error) {
      if (current()) set({ error: asUiError(error) });
    } finally {
      if (current()) set({ loading: false });
    }
  },
  wipe() {
    dashboardReads.invalidate();
    set({ data: null, error: null, loading: false });
  },
}));
