// Calling the hall's next resident to this counter (the office service's call-next), shown only
// when the counter is linked to the office: 「次の方を呼ぶ」, 「再呼出」, 「不在」 and the called number
// in large type. The next visit's request keeps that number. Main talks to the office; this screen
// only asks main. When the office cannot be reached the panel says so, and visits go on with the
// counter's leased numbers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categories, type Category } from '../../../../domain/request.ts';
import type { DeviceStatus, SessionView } from '../../../../main/ipc/contract.ts';
import { call } from '../../kiosk.ts';
import { useStaffStore } from '../../stores/staff-store.ts';

export function HallCall({ hall, office }: { hall: SessionView['hall']; office: DeviceStatus['office'] | null }) {
  const { t } = useTranslation();
  const { run, pending } = useStaffStore();
  const [number, setNumber] = useState('');
  const [to, setTo] = useState<Category>('tennyu');
  if (!hall.linked) return null;
  // Full-width letters and digits, lower case and spaces as typed at a Japanese keyboard: Ａ－０１２ → A-012.
  const typed = number
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[‐−ー]/g, '-');
  const away = office !== null && office.state !== 'connected';
  const busy = pending !== null && pending.startsWith('hall-');
  return (
    <section className="hall-call" aria-labelledby="hall-call-title">
      <h2 id="hall-call-title">{t('staff.hall.title')}</h2>
      {hall.called ? (
        <p className="ticket-number" data-testid="hall-called" aria-live="polite">
          <span className="hall-called-label">{t('staff.hall.calling')}</span> {hall.called.number}
          {hall.called.calls > 1 ? <span className="hall-calls"> {t('staff.hall.calls', { count: hall.called.calls })}</span> : null}
        </p>
      ) : (
        <p data-testid="hall-idle">{hall.nobodyWaiting ? t('staff.hall.nobodyWaiting') : t('staff.hall.none')}</p>
      )}
      {away ? (
        <p className="warning" role="status" data-testid="hall-away">
          {t('staff.hall.away')}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="hall-call-next"
          disabled={busy || hall.called !== null}
          onClick={() => void run('hall-call-next', () => call('hall:call-next', {}))}
        >
          {t('staff.hall.callNext')}
        </button>
        <button
          type="button"
          data-testid="hall-recall"
          disabled={busy || hall.called === null}
          onClick={() => void run('hall-recall', () => call('hall:recall', {}))}
        >
          {t('staff.hall.recall')}
        </button>
        <button
          type="button"
          data-testid="hall-no-show"
          disabled={busy || hall.called === null}
          onClick={() => void run('hall-no-show', () => call('hall:no-show', {}))}
        >
          {t('staff.hall.noShow')}
        </button>
      </div>
      {hall.called === null ? (
        <form
          className="hall-by-number"
          onSubmit={(event) => {
            event.preventDefault();
            void run('hall-call-number', () => call('hall:call-number', { number: typed })).then(() => {
              // Kept on a refusal, so staff can correct the number they typed.
              if (!useStaffStore.getState().error) setNumber('');
            });
          }}
        >
          <label htmlFor="hall-number">{t('staff.hall.byNumber')}</label>
          <p className="hint" id="hall-number-hint">
            {t('staff.hall.byNumberHint')}
          </p>
          <input
            id="hall-number"
            data-testid="hall-number"
            aria-describedby="hall-number-hint"
            autoComplete="off"
            inputMode="text"
            maxLength={8}
            value={number}
            onChange={(event) => setNumber(event.target.value)}
          />
          <button type="submit" data-testid="hall-call-number" disabled={busy || !/^[A-Z]-\d{3,5}$/.test(typed)}>
            {t('staff.hall.callNumber')}
          </button>
        </form>
      ) : (
        <form
          className="hall-transfer"
          onSubmit={(event) => {
            event.preventDefault();
            void run('hall-transfer', () => call('hall:transfer', { to }));
          }}
        >
          <label htmlFor="hall-transfer-to">{t('staff.hall.transferTo')}</label>
          <p className="hint" id="hall-transfer-hint">
            {t('staff.hall.transferHint')}
          </p>
          <select
            id="hall-transfer-to"
            data-testid="hall-transfer-to"
            aria-describedby="hall-transfer-hint"
            value={to}
            onChange={(event) => setTo(event.target.value as Category)}
          >
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.letter} {c.label}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="hall-transfer" disabled={busy}>
            {t('staff.hall.transfer')}
          </button>
        </form>
      )}
    </section>
  );
}
