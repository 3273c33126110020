// Resident screen state: what the resident confirms (names, address) and the PIN pad's digits.
// The typed digits live here only until they are sent; wipe() drops everything.
import { create } from 'zustand';
import type { ResidentView } from '../../../main/ipc/contract.ts';
import { call } from '../kiosk.ts';
import { createReadGate } from './read-gate.ts';

const viewReads = createReadGate();

interface ResidentState {
  view: ResidentView | null;
  digits: string;
  failed: boolean;
  refresh(): Promise<void>;
  setDigits(digits: string): void;
  wipe(): void;
}

export const useResidentStore = create<ResidentState>()((set) => ({
  view: null,
  digits: '',
  failed: false,
  async refresh() {
    const current = viewReads.begin();
    try {
      const view = await call('resident:view', {});
      if (current()) set({ view, failed: false });
    } catch {
      if (current()) set({ view: null, failed: true });
    }
  },
  setDigits(digits) {
    set({ digits });
  },
  wipe() {
    viewReads.invalidate();
    set({ view: null, digits: '', failed: false });
  },
}));
