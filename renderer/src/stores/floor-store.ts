// The supervisor's floor over the office link (main fetches GET /v1/floor and /v1/flags; the
// renderer never talks to the office). Counts, ticket numbers, counter codes and seconds only.
import { create } from 'zustand';
import type { OfficeFloor, UiError } from '../../../main/ipc/contract.ts';
import { asUiError, call } from '../kiosk.ts';
import { createReadGate } from './read-gate.ts';

const floorReads = createReadGate();

interface FloorState {
  data: OfficeFloor | null;
  error: UiError | null;
  refresh(from: string, to: string): Promise<void>;
  resolve(id: number): Promise<void>;
  wipe(): void;
}

export const useFloorStore = create<FloorState>()((set, get) => ({
  data: null,
  error: null,
  async refresh(from, to) {
    const current = floorReads.begin();
    try {
      const data = await call('office:floor', { from, to });
      if (current()) set({ data, error: null });
    } catch (error) {
      if (current()) set({ error: asUiError(error) });
    }
  },
  async resolve(id) {
    try {
      const { flags } = await call('office:resolve-flag', { id });
      const data = get().data;
      if (data) set({ data: { ...data, flags } });
    } catch (error) {
      set({ error: asUiError(error) });
    }
  },
  wipe() {
    floorReads.invalidate();
    set({ data: null, error: null });
  },
}));
