// The resident-facing screen: welcome, PIN pad, the data being used (with フリガナ), where to
// sign, and the ticket. Large BIZ UD Gothic text; a language switch; no staff controls.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../main/ipc/contract.ts';
import { IdleGuard } from '../components/IdleGuard.tsx';
import { PinPad } from '../components/PinPad.tsx';
import { RubyName } from '../components/RubyName.tsx';
import { residentLanguage } from '../../../domain/language.ts';
import { languages } from '../i18n/index.ts';
import { call, onEvent } from '../kiosk.ts';
import { useResidentStore } from '../stores/resident-store.ts';

export function ResidentScreen({ info }: { info: ResponseOf<'app:info'> | null }) {
  const { t, i18n } = useTranslation();
  const { view, digits, refresh, setDigits, wipe } = useResidentStore();
  const [sending, setSending] = useState(false);
  const [askLastTry, setAskLastTry] = useState(false);

  useEffect(() => {
    void refresh();
    const offChange = onEvent('resident-changed', () => void refresh());
    const offWipe = onEvent('wipe', () => {
      wipe();
      setAskLastTry(false);
      void i18n.changeLanguage('ja');
      // Re-read after every 'wipe' listener has run (App's wipeAllStores discards reads in flight).
      queueMicrotask(() => void refresh());
    });
    return () => {
      offChange();
      offWipe();
    };
  }, [refresh, wipe, i18n]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  // Main prints the 受付票 in the resident's language: tell it whenever the choice or the visit changes.
  const inVisit = (view?.phase ?? 'welcome') !== 'welcome';
  useEffect(() => {
    const language = residentLanguage.safeParse(i18n.language);
    if (inVisit && language.success) void call('resident:set-language', { language: language.data }).catch(() => undefined);
  }, [i18n.language, inVisit]);

  const submit = async (confirmLastTry: boolean) => {
    if (view?.pin.lastTry && !confirmLastTry) {
      setAskLastTry(true);
      return;
    }
    const pin = digits;
    setDigits('');
    setAskLastTry(false);
    setSending(true);
    try {
      await call('resident:pin-submit', { pin, confirmLastTry });
    } finally {
      setSending(false);
      void refresh();
    }
  };

  const expire = useCallback(() => wipe(), [wipe]);
  const phase = view?.phase ?? 'welcome';

  return (
    <div className="resident">
      <header className="resident-header">
        <h1>{t('app.title')}</h1>
        {info?.demoMode && (
          <p className="demo-badge" role="status">
            {t('app.demo')}
          </p>
        )}
        <nav className="language-switch" aria-label={t('resident.language')}>
          {languages.map((l) => (
            <button
              key={l.code}
              type="button"
              lang={l.code}
              aria-pressed={i18n.language === l.code}
              onClick={() => void i18n.changeLanguage(l.code)}
            >
              {i18n.language === l.code ? '✓ ' : ''}
              {l.label}
            </button>
          ))}
        </nav>
      </header>
      <main className="resident-main" data-phase={phase}>
        {phase === 'welcome' && (
          <section>
            <h2>{t('resident.welcome')}</h2>
            <p>{t('resident.welcomeHint')}</p>
          </section>
        )}
        {phase === 'pin' && view && (
          <section aria-labelledby="pin-title">
            <h2 id="pin-title">{t('resident.pin.title')}</h2>
            <p>{t('resident.pin.hint')}</p>
            {view.pin.retriesLeft !== null && <p className="retries">{t('resident.pin.retries', { count: view.pin.retriesLeft })}</p>}
            {view.pin.wrong && (
              <p className="warning" role="alert">
                <span aria-hidden="true">✕ </span>
                {t('resident.pin.wrong')}
              </p>
            )}
            {view.pin.lastTry && (
              <p className="warning strong" role="alert">
                <span aria-hidden="true">⚠ </span>
                {t('resident.pin.lastTry')}
              </p>
            )}
            <PinPad
              digits={digits}
              onChange={setDigits}
              onSubmit={() => void submit(false)}
              onCancel={() => void call('resident:pin-cancel', {}).finally(() => setDigits(''))}
              disabled={sending}
            />
            {askLastTry && (
              <div className="confirm-last" role="alertdialog" aria-labelledby="last-try">
                <p id="last-try">
                  <span aria-hidden="true">⚠ </span>
                  {t('resident.pin.lastTry')}
                </p>
                <button type="button" className="secondary big" onClick={() => setAskLastTry(false)}>
                  {t('resident.pin.cancel')}
                </button>
                <button type="button" className="primary big" onClick={() => void submit(true)}>
                  {t('resident.pin.confirmLast')}
                </button>
              </div>
            )}
          </section>
        )}
        {phase === 'pin' && view?.pin.blocked && (
          <p className="warning strong" role="alert">
            {t('resident.pin.blocked')}
          </p>
        )}
        {phase === 'reading' && (
          <section>
            <h2 role="status" aria-live="polite">
              <span className="spinner" aria-hidden="true" />
              {t('resident.reading')}
            </h2>
          </section>
        )}
        {(phase === 'confirm' || phase === 'sign') && view && (
          <section aria-labelledby="confirm-title">
            <h2 id="confirm-title">{t('resident.confirm.title')}</h2>
            <h3>{t('resident.confirm.members')}</h3>
            <ul className="resident-members">
              {view.members.map((m, i) => (
                <li key={i}>
                  <span className="big-name" lang="ja">
                    <RubyName name={m.name} furigana={m.furigana} />
                  </span>
                  <dl>
                    <dt>{t('resident.confirm.birthDate')}</dt>
                    <dd>{m.birthDate}</dd>
                    {m.relationship && (
                      <>
                        <dt>{t('resident.confirm.relationship')}</dt>
                        <dd lang="ja">{m.relationship}</dd>
                      </>
                    )}
                  </dl>
                </li>
              ))}
            </ul>
            {view.address && (
              <>
                <h3>{t('resident.confirm.address')}</h3>
                <p className="big-address" lang="ja">
                  {view.address}
                </p>
              </>
            )}
          </section>
        )}
        {phase === 'sign' && view && view.signForms.length > 0 && (
          <section aria-labelledby="sign-title" className="sign-guide">
            <h2 id="sign-title">{t('resident.sign.title')}</h2>
            <p>{t('resident.sign.hint')}</p>
            <div className="sign-sample" aria-hidden="true" lang="ja">
              ✎ ご署名ください
            </div>
            <ul>
              {view.signForms.map((f) => (
                <li key={f.title}>
                  {t('resident.sign.form', { title: '\u0000', count: f.count })
                    .split('\u0000')
                    .flatMap((part, i) =>
                      i === 0
                        ? [part]
                        : [
                            <span key={i} lang="ja">
                              {f.title}
                            </span>,
                            part,
                          ],
                    )}
                </li>
              ))}
            </ul>
          </section>
        )}
        {phase === 'done' && view && (
          <section aria-labelledby="done-title">
            <h2 id="done-title">{t('resident.done.title')}</h2>
            <p className="ticket-label">{t('resident.done.ticket')}</p>
            <p className="ticket-number" data-testid="resident-ticket">
              {view.ticket}
            </p>
            <p>{t('resident.done.hint')}</p>
            {/* The card may be taken only once the 受付票 has printed: it wipes this screen. */}
            {view.receipt === 'printed' ? (
              <>
                <p className="warning strong" role="status" data-testid="resident-receipt">
                  {t('resident.done.receiptPrinted')}
                </p>
                <p className="warning">{t('resident.done.removeCard')}</p>
              </>
            ) : (
              <p className="warning strong" role="status" data-testid="resident-receipt">
                {view.receipt === 'failed' ? t('resident.done.receiptFailed') : t('resident.done.receiptPrinting')}
              </p>
            )}
          </section>
        )}
      </main>
      <IdleGuard
        // Paused while the resident signs and once the forms are printed: signing six forms takes
        // longer than any timeout, and a printed visit is ended by staff, never by a timer.
        active={phase === 'pin' || phase === 'reading' || phase === 'confirm'}
        timeoutSeconds={info?.idleTimeoutSeconds ?? 120}
        countdownSeconds={info?.idleCountdownSeconds ?? 30}
        activityKey={view}
        onExpired={expire}
      />
    </div>
  );
}
