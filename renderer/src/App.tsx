// Placeholder staff console (issue 5 builds the real screens). Shows the app's identity
// and whether it runs in demo mode, fetched through the typed IPC bridge.
import { useEffect, useState } from 'react';
import type { KioskApi, ResponseOf } from '../../main/ipc/contract.ts';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

export function App() {
  const [info, setInfo] = useState<ResponseOf<'app:info'> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    window.kiosk?.invoke('app:info', {}).then(setInfo, () => setFailed(true));
  }, []);
  return (
    <main className="placeholder">
      <h1>書かない窓口</h1>
      <p lang="en">No-writing counter</p>
      {info?.demoMode && <p className="demo-badge" role="status">デモモード（仮想カード） / Demo mode (virtual card)</p>}
      {failed && <p role="alert">アプリ本体に接続できません / Cannot reach the application core</p>}
      {info && <p className="version">v{info.version}</p>}
    </main>
  );
}
