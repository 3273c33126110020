// Step 6: the print jobs as the printer reports them, then the ticket.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../kiosk.ts';
import { useStaffStore } from '../../stores/staff-store.ts';
import type { StepProps } from './step-props.ts';

export function PrintStep({ session, run }: StepProps) {
  const { t } = useTranslation();
  const held = session.printJobs.some((j) => j.state === 'held');
  useEffect(() => {
    // Follow the jobs until they finish; the session view refreshes their state from the printer.
    if (session.printJobs.every((j) => j.state === 'completed' || j.state === 'failed')) return;
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
            </tr>
          ))}
        </tbody>
      </table>
      {held && (
        <p className="warning strong" role="alert">
          {t('staff.print.heldHint')}
        </p>
      )}
      <button
        type="button"
        className="primary big"
        disabled={session.printJobs.length === 0}
        onClick={() => void run('ticket', () => call('session:issue-ticket', {}))}
      >
        {t('staff.print.issueTicket')}
      </button>
    </section>
  );
}
