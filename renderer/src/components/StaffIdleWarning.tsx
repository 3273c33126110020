// Staff idle sign-out: main decides when a signed-in screen is idle and signs it out
// (main/services/staff-idle.ts). This component only shows main's warning a minute before, with
// 続ける / Continue, and tells main about staff activity (typing, clicking), at most every 10 s.
// It cannot keep a screen signed in by itself: main counts only what staff do.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, onEvent } from '../kiosk.ts';

/** How often activity is reported to main at most (the warning comes a minute before the sign-out). */
const ACTIVITY_EVERY_MS = 10_000;

export function StaffIdleWarning({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const continueButton = useRef<HTMLButtonElement>(null);

  // Main says when the warning starts or ends (a data-free push); the screen re-reads how long is left.
  useEffect(() => {
    if (!signedIn) {
      setDeadline(null);
      return;
    }
    const read = () =>
      void call('auth:idle', {}).then(
        ({ signOutInSeconds }) => setDeadline(signOutInSeconds === null ? null : Date.now() + signOutInSeconds * 1000),
        () => setDeadline(null),
      );
    read();
    return onEvent('auth-changed', read);
  }, [signedIn]);

  // Staff typing or clicking anywhere on this screen is activity (main restarts its idle period).
  useEffect(() => {
    if (!signedIn) return;
    let last = 0;
    const touch = () => {
      const at = Date.now();
      if (at - last < ACTIVITY_EVERY_MS) return;
      last = at;
      void call('auth:stay-signed-in', {}).catch(() => undefined);
    };
    window.addEventListener('keydown', touch, { capture: true });
    window.addEventListener('pointerdown', touch, { capture: true });
    return () => {
      window.removeEventListener('keydown', touch, { capture: true });
      window.removeEventListener('pointerdown', touch, { capture: true });
    };
  }, [signedIn]);

  const warning = deadline !== null;
  useEffect(() => {
    if (!warning) return;
    continueButton.current?.focus();
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [warning]);

  if (deadline === null) return null;
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  return (
    <div
      className="idle-overlay"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="staff-idle-title"
      aria-describedby="staff-idle-message"
      data-testid="staff-idle-warning"
    >
      <div className="idle-dialog">
        <h2 id="staff-idle-title">{t('staffIdle.title')}</h2>
        <p id="staff-idle-message" aria-live="assertive">
          {t('staffIdle.message', { seconds })}
        </p>
        <p lang="en">{t('staffIdle.messageEn', { seconds })}</p>
        <button
          ref={continueButton}
          type="button"
          className="primary big"
          onClick={() => {
            setDeadline(null);
            void call('auth:stay-signed-in', {}).catch(() => undefined);
          }}
        >
          {t('staffIdle.continue')}
        </button>
      </div>
    </div>
  );
}
