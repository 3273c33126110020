// After a period without interaction, shows a countdown the person can cancel; when it
// runs out, asks main to end the visit, which wipes every screen.
import { useEffect, useRef, useState } from 'react';
import { useReadings } from './EasyText.tsx';
import { call } from '../kiosk.ts';

interface Props {
  active: boolean;
  timeoutSeconds: number;
  countdownSeconds: number;
  /** Changes whenever something happens elsewhere (e.g. staff updated the visit). */
  activityKey: unknown;
  onExpired(): void;
}

export function IdleGuard({ active, timeoutSeconds, countdownSeconds, activityKey, onExpired }: Props) {
  const tr = useReadings();
  const [remaining, setRemaining] = useState<number | null>(null);
  const lastActivity = useRef(Date.now());
  const continueButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    lastActivity.current = Date.now();
    setRemaining(null);
  }, [activityKey, active]);

  useEffect(() => {
    if (!active) return;
    const touch = () => {
      lastActivity.current = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touch, { capture: true });
    const timer = setInterval(() => {
      const idle = (Date.now() - lastActivity.current) / 1000;
      if (idle < timeoutSeconds) {
        setRemaining(null);
        return;
      }
      const left = Math.ceil(timeoutSeconds + countdownSeconds - idle);
      if (left <= 0) {
        clearInterval(timer);
        setRemaining(null);
        onExpired();
        void call('session:idle-expired', {}).catch(() => undefined);
      } else {
        setRemaining(left);
      }
    }, 250);
    return () => {
      clearInterval(timer);
      for (const e of events) window.removeEventListener(e, touch, { capture: true });
    };
  }, [active, timeoutSeconds, countdownSeconds, onExpired]);

  const counting = remaining !== null;
  useEffect(() => {
    if (counting) continueButton.current?.focus();
  }, [counting]);

  if (remaining === null) return null;
  return (
    <div className="idle-overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-message">
      <div className="idle-dialog">
        <h2 id="idle-title">{tr('idle.title')}</h2>
        <p id="idle-message" aria-live="assertive">
          {tr('idle.message', { seconds: remaining })}
        </p>
        <button
          ref={continueButton}
          type="button"
          className="primary big"
          onClick={() => {
            lastActivity.current = Date.now();
            setRemaining(null);
            void call('session:keep-alive', {}).catch(() => undefined);
          }}
        >
          {tr('idle.continue')}
        </button>
      </div>
    </div>
  );
}
