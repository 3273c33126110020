// The visits parked at this counter (the family went to fetch a document), by label, family name,
// ticket and step only, each with a resume button; and the button that parks the open visit.
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../main/ipc/contract.ts';
import { call } from '../../kiosk.ts';
import type { Run } from '../../stores/staff-store.ts';

export function ParkedVisits({ session, run }: { session: SessionView; run: Run }) {
  const { t } = useTranslation();
  if (session.parked.length === 0) return null;
  // A visit with someone in it must be parked or ended first; an empty one gives way.
  const blocked = session.active && (session.members.length > 0 || session.busy !== null);
  return (
    <section className="parked" aria-labelledby="parked-title" data-testid="parked">
      <h2 id="parked-title">
        {t('staff.park.title')}（{session.parked.length}）
      </h2>
      <ul>
        {session.parked.map((p) => {
          const familyName = p.familyName ? t('staff.park.familyName', { name: p.familyName }) : t('staff.park.noName');
          return (
            <li key={p.reference} data-testid="parked-visit">
              <span>
                {p.ticket && <strong>{t('staff.park.ticket', { ticket: p.ticket })}　</strong>}
                {t('staff.park.item', {
                  label: p.label,
                  familyName,
                  members: p.members,
                  step: t(`staff.steps.${p.step}`),
                  parkedAt: p.parkedAt,
                })}
              </span>
              <button
                type="button"
                className="secondary"
                disabled={blocked}
                aria-label={t('staff.park.resumeLabel', { label: p.label, familyName })}
                onClick={() => void run('resume', () => call('session:resume', { reference: p.reference }))}
              >
                {t('staff.park.resume')}
              </button>
            </li>
          );
        })}
      </ul>
      {blocked && <p className="hint">{t('staff.park.blocked')}</p>}
    </section>
  );
}

/** Parks the open visit: shown until its ticket is handed over; disabled while something runs for it. */
export function ParkButton({ session, run }: { session: SessionView; run: Run }) {
  const { t } = useTranslation();
  if (session.ticket?.issued) return null;
  const running = session.busy !== null || session.card === 'pin' || session.card === 'reading';
  return (
    <p>
      <button type="button" className="secondary" disabled={running} onClick={() => void run('park', () => call('session:park', {}))}>
        {t('staff.park.button')}
      </button>{' '}
      <span className="hint">{t('staff.park.hint')}</span>
    </p>
  );
}
