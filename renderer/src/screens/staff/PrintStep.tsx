// Step 6: the print jobs as the printer reports them, then the ticket. The ticket waits for the
// print: a resident sent to wait for forms still held at a stopped printer waits for nothing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { printedForTicket, ticketBeforePrintReason, type TicketBeforePrintReason } from '../../../../domain/print-job.ts';
import { call } from '../../kiosk.ts';
import { useStaffStore } from '../../stores/staff-store.ts';
import type { StepProps } from './step-props.ts';
import { KeyHint } from './KeyHint.tsx';
import { shortcutProps } from './shortcuts.ts';

export function PrintStep({ session, run }: StepProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<TicketBeforePrintReason | null>(null);
  // What staff asked to print again, waiting for their confirmation: the whole set, or one form by id.
  const [confirmReprint, setConfirmReprint] = useState<{ formId?: string } | null>(null);
  const reprint = (request: { formId?: string }) => {
    setConfirmReprint(null);
    void run('reprint', () => call('session:reprint', request));
  };
  const held = session.printJobs.some((j) => j.state === 'held');
  // Reprints of one form carry its id; the set's prints do not.
  const printed = printedForTicket(
    session.printJobs.filter((j) => j.formId === undefined),
    session.printJobs,
  );
  useEffect(() => {
    // Follow the jobs until they finish; the session view refreshes their state from the printer.
    // 'check-printer' waits for staff, not for the printer.
    if (session.printJobs.every((j) => j.state === 'completed' || j.state === 'failed' || j.state === 'check-printer')) return;
    const timer = setInterval(() => void useStaffStore.getState().refreshSession(), 1000);
    return () => clearInterval(timer);
  }, [session.printJobs]);
  return (
    <section aria-labelledby="print-title">
      <h2 id="print-title">{t('staff.print.title')}</h2>
      <table>
        <caption>{t('staff.print.jobs')}</caption>
        <tbody>
          {session.printJobs.map((j) => (
            <tr key={j.jobId} data-state={j.state}>
              <td>{j.document}</td>
              <td data-testid="job-state">{t(`staff.print.state.${j.state}`)}</td>
              {j.state === 'check-printer' && (
                <td role="group" aria-label={t('staff.print.outcome.question')} data-testid="print-outcome">
                  {t('staff.print.outcome.question')}{' '}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void run('print-outcome', () => call('session:print-outcome', { jobId: j.jobId, outcome: 'printed' }))}
                  >
                    {t('staff.print.outcome.printed')}
                  </button>{' '}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      void run('print-outcome', () => call('session:print-outcome', { jobId: j.jobId, outcome: 'not-printed' }))
                    }
                  >
                    {t('staff.print.outcome.notPrinted')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {session.preview && (
        <ul className="print-contents" aria-label={t('staff.print.contents')}>
          {session.preview.forms.map((f) => {
            // The form's last job: its own reprint if it had one, else the set's.
            const job = session.printJobs.findLast((j) => j.formId === f.id) ?? session.printJobs.findLast((j) => j.formId === undefined);
            const asking = confirmReprint?.formId === f.id;
            return (
              <li key={f.id} data-form={f.id} data-state={job?.state}>
                {t('staff.print.formPages', { title: f.title, count: f.pageCount })}
                {job && <span data-testid="form-state"> {t(`staff.print.state.${job.state}`)}</span>}{' '}
                {session.printJobs.length > 0 &&
                  (asking ? (
                    <span role="group" aria-label={t('staff.print.reprintFormQuestion', { title: f.title })}>
                      {t('staff.print.reprintFormQuestion', { title: f.title })}{' '}
                      <button type="button" className="secondary" onClick={() => reprint({ formId: f.id })}>
                        {t('staff.print.reprintConfirm')}
                      </button>{' '}
                      <button type="button" className="secondary" onClick={() => setConfirmReprint(null)}>
                        {t('staff.print.reprintCancel')}
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('staff.print.reprintFormLabel', { title: f.title })}
                      onClick={() => setConfirmReprint({ formId: f.id })}
                    >
                      {t('staff.print.reprintForm')}
                    </button>
                  ))}
              </li>
            );
          })}
        </ul>
      )}
      {held && (
        <p className="warning strong" role="alert">
          {t('staff.print.heldHint')}
        </p>
      )}
      {!printed && session.printJobs.length > 0 && <p data-testid="ticket-waits">{t('staff.print.ticketWaits')}</p>}
      <button
        type="button"
        className="primary big"
        disabled={!printed}
        {...shortcutProps('next')}
        onClick={() => void run('ticket', () => call('session:issue-ticket', {}))}
      >
        {t('staff.print.issueTicket')} <KeyHint action="next" />
      </button>{' '}
      {/* Back only while nothing was printed (the printer refused the set): once printed, the set is the record. */}
      {session.ticket === null && session.busy !== 'print' && (
        <button
          type="button"
          {...shortcutProps('back')}
          onClick={() => void run('go-to', () => call('session:go-to', { step: 'preview' }))}
        >
          {t('staff.back')} <KeyHint action="back" />
        </button>
      )}
      {session.printJobs.length > 0 &&
        (confirmReprint && confirmReprint.formId === undefined ? (
          <p role="group" aria-label={t('staff.print.reprintQuestion')}>
            {t('staff.print.reprintQuestion')}{' '}
            <button type="button" className="secondary" onClick={() => reprint({})}>
              {t('staff.print.reprintConfirm')}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setConfirmReprint(null)}>
              {t('staff.print.reprintCancel')}
            </button>
          </p>
        ) : (
          <p>
            <button type="button" className="secondary" onClick={() => setConfirmReprint({})}>
              {t('staff.print.reprint')}
            </button>
          </p>
        ))}
      {!printed && session.printJobs.length > 0 && (
        <details className="override">
          <summary>{t('staff.print.override.title')}</summary>
          <fieldset>
            <legend>{t('staff.print.override.reason')}</legend>
            {ticketBeforePrintReason.options.map((r) => (
              <label key={r}>
                <input type="radio" name="before-print-reason" value={r} checked={reason === r} onChange={() => setReason(r)} />{' '}
                {t(`staff.print.override.reasons.${r}`)}
              </label>
            ))}
          </fieldset>
          <button
            type="button"
            className="secondary"
            disabled={reason === null}
            onClick={() => reason && void run('ticket', () => call('session:issue-ticket', { beforePrint: reason }))}
          >
            {t('staff.print.override.issue')}
          </button>
        </details>
      )}
    </section>
  );
}
