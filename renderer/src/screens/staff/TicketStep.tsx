// Step 7: the ticket number and the estimated wait, to tell the resident.
import { useTranslation } from 'react-i18next';
import type { StepProps } from './step-props.ts';

export function TicketStep({ session }: StepProps) {
  const { t } = useTranslation();
  const ticket = session.ticket;
  // The 受付票 starts printing as the ticket is handed over: until main says otherwise, it is printing.
  const receipt = ticket?.receipt ?? 'printing';
  return (
    <section aria-labelledby="ticket-title">
      <h2 id="ticket-title">{t('staff.ticket.title')}</h2>
      <p className="ticket-number" data-testid="staff-ticket">
        {ticket?.number}
      </p>
      {/* Cut off from the office service: where the number came from, so staff can tell the resident. */}
      {ticket?.numbering === 'lease' || ticket?.numbering === 'local' ? (
        <p className={ticket.numbering === 'local' ? 'warning strong' : ''} role="status" data-testid="staff-numbering">
          {t(`staff.ticket.numbering.${ticket.numbering}`)}
        </p>
      ) : null}
      {/* The range the 受付票 prints (computed once, in main): never one number that reads like a promise. */}
      <p data-testid="staff-wait">
        {ticket?.estimatedWait ? t('staff.ticket.estimate', { ...ticket.estimatedWait }) : t('staff.ticket.noEstimate')}
      </p>
      <p className={receipt === 'failed' ? 'warning strong' : ''} role="status" data-testid="staff-receipt">
        {t(`staff.ticket.receipt.${receipt}`)}
      </p>
      {/* One message about the card, from the 受付票's state; the resident screen says the same. */}
      <p className="warning strong" data-testid="staff-card">
        {t(`staff.ticket.card.${receipt}`)}
      </p>
    </section>
  );
}
