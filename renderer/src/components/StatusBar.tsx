// Reader, printer, queue and office-link status (the last only when KIOSK_CONFIG names an office service), always visible on the staff console.
// The bar is one line (styles.css): an entry cut off by the width keeps its full text as a tooltip.
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../../main/ipc/contract.ts';

/** An entry's full text, as one line: its label, its state and what follows (the tooltip of a cut-off entry). */
const fullText = (...parts: (string | null | false | undefined)[]): string => parts.filter((p) => p).join(' ');

export function StatusBar({ status }: { status: DeviceStatus | null }) {
  const { t } = useTranslation();
  const reader = status ? t(`status.readerState.${status.reader.state}`) : '…';
  const readerName = status?.reader.name ?? null;
  const printer = status ? t(`status.printerState.${status.printer.state}`) : '…';
  const held = status && status.printer.heldJobs > 0 ? t('status.held', { count: status.printer.heldJobs }) : null;
  const queue = status
    ? status.queue.state === 'ok'
      ? t('status.queueState', { waiting: status.queue.waiting, inService: status.queue.inService })
      : t('status.queueUnavailable')
    : '…';
  const office = status && status.office.state !== 'not-configured' ? status.office : null;
  const officeState = office ? t(`status.officeState.${office.state}`) : null;
  const pending = office && office.pending > 0 ? t('status.officePending', { count: office.pending }) : null;
  const refused = office && office.refused > 0 ? t('status.officeRefused', { count: office.refused }) : null;
  return (
    <section className="status-bar" aria-label={t('status.label')}>
      {/* The reader's model name only in the tooltip: on the one-line bar it pushed the states out. */}
      <p
        className="status-keep"
        data-testid="status-reader"
        data-state={status?.reader.state ?? 'unknown'}
        title={fullText(t('status.reader'), reader, readerName)}
      >
        <strong>{t('status.reader')}</strong> {reader}
      </p>
      <p
        className="status-keep"
        data-testid="status-printer"
        data-state={status?.printer.state ?? 'unknown'}
        title={fullText(t('status.printer'), printer, held)}
      >
        <strong>{t('status.printer')}</strong> {printer}
        {held ? <span> {held}</span> : null}
      </p>
      <p className="status-keep" data-testid="status-queue" title={fullText(t('status.queue'), queue)}>
        <strong>{t('status.queue')}</strong> {queue}
      </p>
      {office ? (
        <p data-testid="status-office" data-state={office.state} title={fullText(t('status.office'), officeState, pending, refused)}>
          <strong>{t('status.office')}</strong> {officeState}
          {pending ? <span> {pending}</span> : null}
          {refused ? <span data-testid="status-office-refused"> {refused}</span> : null}
        </p>
      ) : null}
    </section>
  );
}
