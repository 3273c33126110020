// Calling the hall's next resident to this counter (the office service's call-next), shown only
// when the counter is linked to the office: 「次の方を呼ぶ」, 「再呼出」, 「不在」 and the called number
// in large type. The next visit's request keeps that number. Main talks to the office; this screen
// only asks main. When the office cannot be reached the panel says so, and visits go on with the
// counter's leased numbers.
import { useTranslation } from 'react-i18next';
import type { DeviceStatus, SessionView } from '../../../../main/ipc/contract.ts';
import { call } from '../../kiosk.ts';
import { useStaffStore } from '../../stores/staff-store.ts';

export function HallCall({ hall, office }: { hall: SessionView['hall']; office: DeviceStatus['office'] | null }) {
  const { t } = useTranslation();
  const { run, pending } = useStaffStore();
  if (!hall.linked) return null;
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
    </section>
  );
}
