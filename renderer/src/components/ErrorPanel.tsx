// A staff-facing error: what happened and what to do next, marked by text and an icon, not by colour alone.
import { useTranslation } from 'react-i18next';
import type { UiError } from '../../../main/ipc/contract.ts';

export function ErrorPanel({ error, onDismiss }: { error: UiError; onDismiss?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-panel" role="alert" data-code={error.code}>
      <p className="error-title">
        <span aria-hidden="true">✕ </span>
        {t('staff.error.title')}：{error.message}
      </p>
      <p>
        <strong>{t('staff.error.next')}</strong>
        {error.action}
      </p>
      <p className="error-code" lang="en">
        {error.messageEn} ({error.code})
      </p>
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          {t('staff.error.dismiss')}
        </button>
      )}
    </div>
  );
}
