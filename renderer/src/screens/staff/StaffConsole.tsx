// The staff console: device status always visible, then the visit step by step. Staff can go
// back to any earlier step until the forms are printed. The PIN is never shown here.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../main/ipc/contract.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { StatusBar } from '../../components/StatusBar.tsx';
import { StaffIdleWarning } from '../../components/StaffIdleWarning.tsx';
import { call, onEvent } from '../../kiosk.ts';
import { useStaffStore } from '../../stores/staff-store.ts';
import { SignIn } from '../SignIn.tsx';
import { SessionPanel } from './SessionPanel.tsx';
import { ParkedVisits } from './ParkedVisits.tsx';
import { HallCall } from './HallCall.tsx';
import { useStaffShortcuts } from './shortcuts.ts';

export function StaffConsole({ info }: { info: ResponseOf<'app:info'> | null }) {
  const { t } = useTranslation();
  const store = useStaffStore();
  const { staff, session, status, error, pending, refreshSession, refreshStatus, run, setStaff, clearError, wipe } = store;
  useStaffShortcuts();
  // Main signed this screen out by itself (idle): say so on the sign-in screen.
  const [signedOutIdle, setSignedOutIdle] = useState(false);
  const signingOut = useRef(false);

  useEffect(() => {
    void call('auth:whoami', {}).then(
      (r) => setStaff(r.staff),
      () => setStaff(null),
    );
    void refreshStatus();
    const offs = [
      onEvent('session-changed', () => void refreshSession()),
      onEvent('status-changed', () => void refreshStatus()),
      onEvent('queue-changed', () => void refreshStatus()),
      onEvent('auth-changed', () => {
        void call('auth:whoami', {}).then(
          (r) => {
            const wasSignedIn = useStaffStore.getState().staff !== null;
            if (r.staff === null && wasSignedIn) {
              wipe();
              setStaff(null);
              setSignedOutIdle(!signingOut.current);
            }
          },
          () => undefined,
        );
      }),
      onEvent('wipe', () => {
        wipe();
        // Re-read after every 'wipe' listener has run (App's wipeAllStores discards reads in flight).
        queueMicrotask(() => void refreshSession());
      }),
    ];
    // Device state can change without an event (e.g. a printer stopped from outside): poll gently.
    const poll = setInterval(() => void refreshStatus(), 5000);
    return () => {
      offs.forEach((off) => off());
      clearInterval(poll);
    };
  }, [refreshSession, refreshStatus, setStaff, wipe]);

  useEffect(() => {
    if (staff) void refreshSession();
  }, [staff, refreshSession]);

  // Staff typing or clicking keeps the visit alive on the resident screen (at most every 10 s).
  useEffect(() => {
    let last = 0;
    const touch = () => {
      const now = Date.now();
      if (now - last < 10_000 || !useStaffStore.getState().session?.active) return;
      last = now;
      void call('session:keep-alive', {}).catch(() => undefined);
    };
    window.addEventListener('keydown', touch, { capture: true });
    window.addEventListener('pointerdown', touch, { capture: true });
    return () => {
      window.removeEventListener('keydown', touch, { capture: true });
      window.removeEventListener('pointerdown', touch, { capture: true });
    };
  }, []);

  // No printer configured (first start) or one the app must not use: IT staff read what to set,
  // before anyone signs in and on the console after.
  const printerProblem = status?.printer.problem ? <ErrorPanel error={status.printer.problem} /> : null;

  if (!staff)
    return (
      <>
        {printerProblem}
        <SignIn
          onSignedIn={(identity) => {
            setSignedOutIdle(false);
            setStaff(identity);
          }}
          note={signedOutIdle ? t('signIn.signedOutIdle') : undefined}
        />
      </>
    );

  return (
    <div className="staff">
      <header className="staff-header">
        <h1>{t('app.title')}</h1>
        {info?.demoMode && (
          <p className="demo-badge" role="status">
            {t('app.demo')}
          </p>
        )}
        <p className="signed-in">
          {t('staff.signedInAs', { staffId: staff.staffId, role: t(`staff.role.${staff.role}`), counter: staff.counter })}
        </p>
        {staff.role === 'supervisor' && (
          <button type="button" onClick={() => void call('app:open-dashboard', {})}>
            {t('staff.openDashboard')}
          </button>
        )}
        <button
          type="button"
          onClick={() =>
            // Through run: a refusal (printed forms without a ticket, open or parked) is shown, not lost.
            void run('sign-out', async () => {
              signingOut.current = true;
              try {
                await call('auth:sign-out', {});
              } finally {
                signingOut.current = false;
              }
              wipe();
              setStaff(null);
            })
          }
        >
          {t('staff.signOut')}
        </button>
      </header>
      <StaffIdleWarning signedIn />
      <StatusBar status={status} />
      {session ? <HallCall hall={session.hall} office={status?.office ?? null} /> : null}
      {printerProblem}
      {pending && (
        <p className="progress" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          {t('app.busy')}
        </p>
      )}
      {error && <ErrorPanel error={error} onDismiss={clearError} />}
      {!session?.active ? (
        <main className="staff-main">
          <p>{t('staff.card.idle')}</p>
          <button type="button" className="primary big" onClick={() => void run('start', () => call('session:start', {}))}>
            {t('staff.newSession')}
          </button>
          {session && <ParkedVisits session={session} run={run} />}
        </main>
      ) : (
        <SessionPanel session={session} run={run} />
      )}
    </div>
  );
}
