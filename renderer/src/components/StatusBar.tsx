// Reader, printer, queue and office-link status (the last only when KIOSK_CONFIG names an office service), always visible on the staff console.
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../../main/ipc/contract.ts';

export function StatusBar({ status }: { status: DeviceStatus | null }) {
  const { t } = useTranslation();
  return (
    <section className="status-bar" aria-label={t('status.label')}>
      <p data-testid="status-reader" data-state={status?.reader.state ?? 'unknown'}>
        <strong>{t('status.reader')}</strong> {status ? t(`status.readerState.${status.reader.state}`) : '…'}
        {status?.reader.name ? <span className="device-name"> {status.reader.name}</span> : null}
      </p>
      <p data-testid="status-printer" data-state={status?.printer.state ?? 'unknown'}>
        <strong>{t('status.printer')}</strong> {status ? t(`status.printerState.${status.printer.state}`) : '…'}
        {status && status.printer.heldJobs > 0 ? <span> {t('status.held', { count: status.printer.heldJobs })}</span> : null}
      </p>
      <p data-testid="status-queue">
        <strong>{t('status.queue')}</strong>{' '}
        {status
          ? status.queue.state === 'ok'
            ? t('status.queueState', { waiting: status.queue.waiting, inService: status.queue.inService })
            : t('status.queueUnavailable')
          : '…'}
      </p>
      {status && status.office.state !== 'not-configured' ? (
        <p data-testid="status-office" data-state={status.office.state}>
          <strong>{t('status.office')}</strong> {t(`status.officeState.${status.office.state}`)}
          {status.office.pending > 0 ? <span> {t('status.officePending', { count: status.office.pending })}</span> : null}
          {status.office.refused > 0 ? (
            <span data-testid="status-office-refused"> {t('status.officeRefused', { count: status.office.refused })}</span>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
