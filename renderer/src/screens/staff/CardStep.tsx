// Step 1: read a My Number card (the resident types the PIN on their screen, or staff type
// 照合番号B), or add a person without a card by hand.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../kiosk.ts';
import { AddMemberForm } from './AddMemberForm.tsx';
import type { StepProps } from './step-props.ts';
import { KeyHint } from './KeyHint.tsx';
import { shortcutProps } from './shortcuts.ts';

export function CardStep({ session, run }: StepProps) {
  const { t } = useTranslation();
  const [codeB, setCodeB] = useState('');
  const readCodeB = (event: FormEvent) => {
    event.preventDefault();
    const code = codeB;
    setCodeB('');
    void run('read', () => call('session:read-card', { unlock: 'code-b', codeB: code }));
  };
  return (
    <section aria-labelledby="card-title">
      <h2 id="card-title">{t('staff.card.title')}</h2>
      {session.members.length > 0 && <p>{t('staff.card.read', { count: session.members.length })}</p>}
      {session.card === 'pin' && (
        <div className="pin-wait" role="status" aria-live="polite">
          <p>{t('staff.card.waitingPin')}</p>
          {session.pin.retriesLeft !== null && (
            <p data-testid="staff-retries">{t('staff.card.retries', { count: session.pin.retriesLeft })}</p>
          )}
          {session.pin.state === 'wrong' && <p className="warning">✕ {t('staff.card.wrongPin')}</p>}
          {session.pin.retriesLeft === 1 && <p className="warning strong">{t('staff.card.lastTryWarning')}</p>}
        </div>
      )}
      {session.card === 'reading' && (
        <p role="status">
          <span className="spinner" aria-hidden="true" />
          {t('staff.card.reading')}
        </p>
      )}
      {session.card !== 'pin' && session.card !== 'reading' && (
        <>
          <button
            type="button"
            className="primary big"
            {...shortcutProps('read')}
            onClick={() => void run('read', () => call('session:read-card', { unlock: 'pin' }))}
          >
            {session.members.length > 0 ? t('staff.card.another') : t('staff.card.readPin')} <KeyHint action="read" />
          </button>
          <form className="inline-form" onSubmit={readCodeB}>
            <label>
              {t('staff.card.codeB')}
              <input
                name="codeB"
                inputMode="numeric"
                autoComplete="off"
                pattern="\d{14}"
                value={codeB}
                onChange={(e) => setCodeB(e.target.value)}
                aria-describedby="codeb-hint"
              />
            </label>
            <span id="codeb-hint" className="hint">
              {t('staff.card.codeBHint')}
            </span>
            <button type="submit" disabled={codeB.length !== 14}>
              {t('staff.card.readCodeB')}
            </button>
          </form>
        </>
      )}
      <p>
        <button
          type="button"
          onClick={() => void run('members', () => call('session:go-to', { step: 'members' }))}
          disabled={session.members.length === 0}
          {...shortcutProps('next')}
        >
          {t('staff.next')} <KeyHint action="next" />
        </button>
      </p>
      <AddMemberForm run={run} />
    </section>
  );
}
