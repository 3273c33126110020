// The resident-facing screen: welcome, PIN pad, the data being used (with フリガナ), where to
// sign, and the ticket. Large BIZ UD Gothic text; a language switch; no staff controls.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { correctionSection, type CorrectionSection, type ResponseOf } from '../../../main/ipc/contract.ts';
import { IdleGuard } from '../components/IdleGuard.tsx';
import { useReadings, withReadings } from '../components/EasyText.tsx';
import { PinPad } from '../components/PinPad.tsx';
import { RubyName } from '../components/RubyName.tsx';
import { residentLanguage } from '../../../domain/language.ts';
import { languages } from '../i18n/index.ts';
import { call, onEvent } from '../kiosk.ts';
import { useResidentStore } from '../stores/resident-store.ts';

/** The text size switch: normal and two steps larger (the next resident starts at normal again). */
const TEXT_SIZES = ['normal', 'large', 'largest'] as const;
type TextSize = (typeof TEXT_SIZES)[number];

export function ResidentScreen({ info }: { info: ResponseOf<'app:info'> | null }) {
  const { t, i18n } = useTranslation();
  const tr = useReadings();
  const { view, digits, refresh, setDigits, wipe } = useResidentStore();
  const [sending, setSending] = useState(false);
  const [askLastTry, setAskLastTry] = useState(false);
  const [textSize, setTextSize] = useState<TextSize>('normal');

  useEffect(() => {
    void refresh();
    const offChange = onEvent('resident-changed', () => void refresh());
    const offWipe = onEvent('wipe', () => {
      wipe();
      setAskLastTry(false);
      setTextSize('normal');
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
  const relationships = t('resident.confirm.relationships', { returnObjects: true }) as Record<string, string>;
  // A city may add a form of its own: without an explanation its Japanese title stands alone.
  const formExplanations = t('resident.sign.forms', { returnObjects: true }) as Record<string, string>;
  const phase = view?.phase ?? 'welcome';
  // Who makes the notice (届出人), one of the members shown above: staff may choose someone other than the head.
  const notifier = view && view.notifier !== null ? view.members[view.notifier] : undefined;

  return (
    <div className="resident" data-text-size={textSize}>
      <header className="resident-header">
        <h1>{tr('app.title')}</h1>
        {info?.demoMode && (
          <p className="demo-badge" role="status">
            {tr('app.demo')}
          </p>
        )}
      </header>
      <main className="resident-main" data-phase={phase}>
        {phase === 'welcome' && (
          <section>
            <h2>{tr('resident.welcome')}</h2>
            <p>{tr('resident.welcomeHint')}</p>
          </section>
        )}
        {phase === 'pin' && view && (
          <section aria-labelledby="pin-title">
            <h2 id="pin-title">{tr('resident.pin.title')}</h2>
            <p>{tr('resident.pin.hint')}</p>
            <p className="pin-forgot">{tr('resident.pin.forgot')}</p>
            {view.pin.retriesLeft !== null && <p className="retries">{tr('resident.pin.retries', { count: view.pin.retriesLeft })}</p>}
            {view.pin.wrong && (
              <p className="warning" role="alert">
                <span aria-hidden="true">✕ </span>
                {tr('resident.pin.wrong')}
              </p>
            )}
            {view.pin.lastTry && (
              <p className="warning strong" role="alert">
                <span aria-hidden="true">⚠ </span>
                {tr('resident.pin.lastTry')}
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
                  {tr('resident.pin.lastTry')}
                </p>
                {/* Not 「やめる」: that label already means cancelling the PIN entry on the pad. */}
                <button type="button" className="secondary big" onClick={() => setAskLastTry(false)}>
                  {tr('resident.pin.lastTryBack')}
                </button>
                <button type="button" className="primary big" onClick={() => void submit(true)}>
                  {tr('resident.pin.confirmLast')}
                </button>
              </div>
            )}
          </section>
        )}
        {/* A locked PIN or a failed read is told here too, in the resident's language: not only by staff speaking. */}
        {phase === 'card-problem' && view && (
          <section aria-labelledby="card-problem-title" data-testid="resident-card-problem">
            <h2 id="card-problem-title">
              <span aria-hidden="true">⚠ </span>
              {tr('resident.cardProblem.title')}
            </h2>
            {view.pin.blocked && (
              <p className="warning strong" role="alert">
                {tr('resident.pin.blocked')}
              </p>
            )}
            <p role="status">{tr('resident.cardProblem.hint')}</p>
          </section>
        )}
        {phase === 'reading' && (
          <section>
            <h2 role="status" aria-live="polite">
              <span className="spinner" aria-hidden="true" />
              {tr('resident.reading')}
            </h2>
          </section>
        )}
        {/* Sent to the printer, not on paper yet: where to sign comes once it is. */}
        {phase === 'printing' && view && (
          <section aria-labelledby="printing-title" data-testid="resident-printing">
            <h2 id="printing-title" role="status">
              <span className="spinner" aria-hidden="true" />
              {tr('resident.printing.title')}
            </h2>
            <p>{tr('resident.printing.hint')}</p>
          </section>
        )}
        {/* After printing, what to do now comes first: the data stays below for reference. */}
        {phase === 'sign' && view && view.signForms.length > 0 && (
          <section aria-labelledby="sign-title" className="sign-guide">
            <h2 id="sign-title">{tr('resident.sign.title')}</h2>
            <p>{tr('resident.sign.hint')}</p>
            <div className="sign-sample" aria-hidden="true" lang="ja">
              ✎ ご署名ください
            </div>
            <ul>
              {view.signForms.map((f) => (
                <li key={f.formId} data-testid={`sign-form-${f.formId}`}>
                  {/* The title stays Japanese (it is what the paper says); what it is, in the resident's language. */}
                  <span lang="ja" className="sign-form-title">
                    {f.title}
                  </span>
                  {formExplanations[f.formId] && (
                    <span className="sign-form-explanation">{tr('resident.sign.explanation', { text: formExplanations[f.formId] })}</span>
                  )}
                  {/* Who signs, as the forms engine resolved it: a family signs different forms. */}
                  <ul className="sign-signers">
                    {f.signers.map((s, i) => (
                      <li key={i} data-testid="sign-signer">
                        {s.name !== null && (
                          <>
                            <SignerName name={s.name} />
                            {tr('resident.sign.colon')}
                          </>
                        )}
                        {tr('resident.sign.boxes', { count: s.count })}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            <p className="sign-next">{tr('resident.sign.next')}</p>
          </section>
        )}
        {(phase === 'confirm' || phase === 'printing' || phase === 'sign') && view && (
          <section aria-labelledby="confirm-title">
            <h2 id="confirm-title">{tr('resident.confirm.title')}</h2>
            <h3>{tr('resident.confirm.members')}</h3>
            <ul className="resident-members">
              {view.members.map((m, i) => (
                <li key={i}>
                  <span className="big-name" lang="ja">
                    <RubyName name={m.name} furigana={m.furigana} />
                  </span>
                  <dl>
                    <dt>{tr('resident.confirm.birthDate')}</dt>
                    <dd>{dateText(m.birthDateWareki, m.birthDate, i18n.language)}</dd>
                    <dt>{tr('resident.confirm.sex')}</dt>
                    <dd>{tr(`resident.confirm.sexes.${m.sex}`)}</dd>
                    {m.relationship && (
                      <>
                        <dt>{tr('resident.confirm.relationship')}</dt>
                        <dd>
                          <span lang="ja">{m.relationship}</span>
                          {relationships[m.relationship] ? <>（{withReadings(relationships[m.relationship] ?? '')}）</> : ''}
                        </dd>
                      </>
                    )}
                  </dl>
                </li>
              ))}
            </ul>
            {view.move ? (
              <>
                <h3>{tr('resident.confirm.moveTitle')}</h3>
                <dl className="resident-move">
                  <dt>{tr('resident.confirm.moveKind')}</dt>
                  <dd>{tr(`resident.confirm.kinds.${view.move.kind}`)}</dd>
                  <dt>{tr('resident.confirm.moveDate')}</dt>
                  <dd>{dateText(view.move.dateWareki, view.move.date, i18n.language)}</dd>
                  {notifier && (
                    <>
                      <dt>{tr('resident.confirm.notifier')}</dt>
                      <dd data-testid="resident-notifier">
                        <span lang="ja">
                          <RubyName name={notifier.name} furigana={notifier.furigana} />
                        </span>
                        {notifier.relationship && (
                          <>
                            （
                            {relationships[notifier.relationship] ? (
                              withReadings(relationships[notifier.relationship] ?? '')
                            ) : (
                              <span lang="ja">{notifier.relationship}</span>
                            )}
                            ）
                          </>
                        )}
                      </dd>
                    </>
                  )}
                  {view.move.phone && (
                    <>
                      <dt>{tr('resident.confirm.phone')}</dt>
                      <dd data-testid="resident-phone">{view.move.phone}</dd>
                    </>
                  )}
                </dl>
                {/* 旧住所 → 新住所 side by side: one heading never shows two different addresses. */}
                <div className="address-change">
                  <div>
                    <h4>{tr('resident.confirm.previousAddress')}</h4>
                    <p className="big-address" lang="ja">
                      {view.move.previousAddress}
                    </p>
                  </div>
                  <p className="address-arrow" aria-hidden="true">
                    →
                  </p>
                  <div>
                    <h4>{tr('resident.confirm.newAddress')}</h4>
                    <p className="big-address" lang="ja" data-testid="resident-new-address">
                      {view.move.newAddress}
                    </p>
                  </div>
                </div>
              </>
            ) : (
              view.address && (
                <>
                  <h3>{tr('resident.confirm.address')}</h3>
                  <p className="big-address" lang="ja">
                    {view.address}
                  </p>
                </>
              )
            )}
            {phase === 'confirm' && (
              <>
                <p className="confirm-next">{tr('resident.confirm.next')}</p>
                <CorrectionRequest correction={view.correction} />
              </>
            )}
          </section>
        )}
        {phase === 'done' && view && (
          <section aria-labelledby="done-title">
            <h2 id="done-title">{tr('resident.done.title')}</h2>
            <p className="ticket-label">{tr('resident.done.ticket')}</p>
            <p className="ticket-number" data-testid="resident-ticket">
              {view.ticket}
            </p>
            <p>{tr('resident.done.hint')}</p>
            {/* The same range the 受付票 prints (main computes it once). */}
            {view.estimatedWait && <p data-testid="resident-wait">{tr('resident.done.wait', { ...view.estimatedWait })}</p>}
            <p className={view.receipt === 'failed' ? 'warning strong' : ''} role="status" data-testid="resident-receipt">
              {view.receipt === 'failed'
                ? tr('resident.done.receiptFailed')
                : view.receipt === 'printed'
                  ? tr('resident.done.receiptPrinted')
                  : tr('resident.done.receiptPrinting')}
            </p>
            {/* One message about the card, from the 受付票's state: taking it once printed wipes this screen. */}
            <p className="warning strong" data-testid="resident-card">
              {tr(`resident.done.card.${view.receipt ?? 'printing'}`)}
            </p>
          </section>
        )}
      </main>
      {/* Language and text size at the bottom, always in view: reachable from a wheelchair on a tall portrait screen. */}
      <footer className="resident-controls">
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
        <div className="text-size-switch" role="group" aria-label={t('resident.textSize.label')}>
          <span aria-hidden="true">{tr('resident.textSize.label')}</span>
          {TEXT_SIZES.map((size) => (
            <button key={size} type="button" aria-pressed={textSize === size} onClick={() => setTextSize(size)}>
              {textSize === size ? '✓ ' : ''}
              {tr(`resident.textSize.${size}`)}
            </button>
          ))}
        </div>
      </footer>
      <IdleGuard
        // Paused once the forms are rendered (main says so, and ignores an expiry after it): the
        // resident checks the preview, then signs, and a printed visit is ended by staff, never by a timer.
        active={(phase === 'pin' || phase === 'reading' || phase === 'confirm') && view?.idleTimer === true}
        timeoutSeconds={info?.idleTimeoutSeconds ?? 120}
        countdownSeconds={info?.idleCountdownSeconds ?? 30}
        activityKey={view}
        onExpired={expire}
      />
    </div>
  );
}

/** Where the name goes in the language's way of naming a signer (髙橋　健太郎 さん, 髙橋　健太郎 님). */
const NAME_SLOT = '\u{E000}';

/** The signer's name as on the card (Japanese type), with the language's honorific around it. */
function SignerName({ name }: { name: string }) {
  const { t } = useTranslation();
  const [before = '', after = ''] = (t('resident.sign.signer', { name: NAME_SLOT }) as string).split(NAME_SLOT);
  return (
    <span className="sign-signer">
      {withReadings(before)}
      <span lang="ja">{name}</span>
      {withReadings(after)}
    </span>
  );
}

/** A date as the forms print it (和暦) with the 西暦 the resident may know better: 昭和64年1月7日（1989年）. */
function dateText(wareki: string, iso: string, language: string): string {
  if (language.startsWith('ja')) return `${wareki}（${iso.slice(0, 4)}年）`;
  const date = new Date(`${iso}T00:00:00Z`);
  return `${new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date)} (${wareki})`;
}

/**
 * 「訂正が必要です」: the resident says which part is wrong, and staff see it on their console. A deaf
 * resident can point to the mistake without having to explain it.
 */
function CorrectionRequest({ correction }: { correction: CorrectionSection | null }) {
  const { t } = useTranslation();
  const tr = useReadings();
  const [choosing, setChoosing] = useState(false);
  if (correction)
    return (
      <p className="warning strong" role="status" data-testid="correction-sent">
        {tr('resident.correction.sent', { section: t(`resident.correction.sections.${correction}`) })}
      </p>
    );
  if (!choosing)
    return (
      <button type="button" className="secondary big correction" onClick={() => setChoosing(true)}>
        ⚠ {tr('resident.correction.button')}
      </button>
    );
  return (
    <div className="correction-choice" role="group" aria-labelledby="correction-which">
      <p id="correction-which">{tr('resident.correction.which')}</p>
      {correctionSection.options.map((section) => (
        <button
          key={section}
          type="button"
          className="secondary big"
          onClick={() => {
            setChoosing(false);
            void call('resident:request-correction', { section }).catch(() => undefined);
          }}
        >
          {tr(`resident.correction.sections.${section}`)}
        </button>
      ))}
      <button type="button" className="secondary big" onClick={() => setChoosing(false)}>
        {tr('resident.correction.back')}
      </button>
    </div>
  );
}
