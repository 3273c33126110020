// Step 7: the ticket number and the estimated wait, to tell the resident.
import { useTranslation } from 'react-i18next';
import type { StepProps } from './step-props.ts';

export function TicketStep({ session }: StepProps) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="ticket-title">
      <h2 id="ticket-title">{t('staff.ticket.title')}</h2>
      <p className="ticket-number" data-testid="staff-ticket">
        {session.ticket?.number}
      </p>
      <p>
        {session.ticket?.estimatedWaitMinutes !== null && session.ticket?.estimatedWaitMinutes !== undefined
          ? t('staff.ticket.estimate', { minutes: session.ticket.estimatedWaitMinutes })
          : t('staff.ticket.noEstimate')}
      </p>
      {session.ticket?.receipt && (
        <p className={session.ticket.receipt === 'failed' ? 'warning strong' : ''} role="status" data-testid="staff-receipt">
          {t(`staff.ticket.receipt.${session.ticket.receipt}`)}
        </p>
      )}
      <p>{t('staff.ticket.removeCard')}</p>
    </section>
  );
}
