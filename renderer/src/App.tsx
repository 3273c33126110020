// Picks the screen this window is (decided by main, reported by the preload).
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../main/ipc/contract.ts';
import { call, currentScreen, onEvent } from './kiosk.ts';
import { ResidentScreen } from './screens/ResidentScreen.tsx';
import { StaffConsole } from './screens/staff/StaffConsole.tsx';
import { SupervisorDashboard } from './screens/SupervisorDashboard.tsx';
import { useDashboardStore } from './stores/dashboard-store.ts';
import { useResidentStore } from './stores/resident-store.ts';
import { useStaffStore } from './stores/staff-store.ts';

/** Drops every store's personal data (on main's 'wipe' event and on sign-out). */
export function wipeAllStores(): void {
  useStaffStore.getState().wipe();
  useResidentStore.getState().wipe();
  useDashboardStore.getState().wipe();
}

export function App() {
  const [info, setInfo] = useState<ResponseOf<'app:info'> | null>(null);
  const screen = currentScreen();
  useEffect(() => {
    void call('app:info', {}).then(setInfo, () => setInfo(null));
    return onEvent('wipe', wipeAllStores);
  }, []);
  useEffect(() => {
    document.body.dataset.screen = screen;
  }, [screen]);
  if (screen === 'resident') return <ResidentScreen info={info} />;
  if (screen === 'supervisor') return <SupervisorDashboard />;
  return <StaffConsole info={info} />;
}
