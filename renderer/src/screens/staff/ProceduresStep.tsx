// Step 4: the questions the rules need and the forms they chose; staff may add or drop a form,
// giving a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../kiosk.ts';
import type { StepProps } from './step-props.ts';

export function ProceduresStep({ session, run }: StepProps) {
  const { t } = useTranslation();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  return (
    <section aria-labelledby="procedures-title">
      <h2 id="procedures-title">{t('staff.procedures.title')}</h2>
      {session.factQuestions.length > 0 && (
        <fieldset>
          <legend>{t('staff.procedures.questions')}</legend>
          {session.factQuestions.map((q) => (
            <label key={q.key} className="checkbox">
              <input
                type="checkbox"
                name={`fact-${q.key}`}
                checked={session.facts[q.key] ?? false}
                onChange={(e) =>
                  void run('facts', () => call('session:set-facts', { facts: { ...session.facts, [q.key]: e.target.checked } }))
                }
              />{' '}
              {q.label}
            </label>
          ))}
        </fieldset>
      )}
      <h3>{t('staff.procedures.forms')}</h3>
      {session.forms.length === 0 && <p>{t('staff.procedures.none')}</p>}
      <ul className="form-list">
        {session.forms.map((f) => (
          <li key={f.id} data-testid={`form-${f.id}`}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={f.included}
                onChange={(e) => {
                  const reason = reasons[f.id]?.trim();
                  if (!reason) {
                    setReasons({ ...reasons, [f.id]: '' });
                    return;
                  }
                  void run('toggle', () => call('session:toggle-form', { formId: f.id, included: e.target.checked, reason }));
                }}
              />{' '}
              <strong>{f.title}</strong> {f.included ? `（${t('staff.procedures.include')}）` : ''}
            </label>
            <p className="reason">
              {t('staff.procedures.reason')}（{f.decidedBy === 'staff' ? t('staff.procedures.byStaff') : t('staff.procedures.byRule')}）：
              {f.reason}
            </p>
            <label>
              {t('staff.procedures.staffReason')}
              <input value={reasons[f.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [f.id]: e.target.value })} />
            </label>
            {reasons[f.id] === '' && <p className="hint">{t('staff.procedures.staffReasonRequired')}</p>}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="primary big"
        disabled={!session.forms.some((f) => f.included)}
        onClick={() => void run('preview', () => call('session:preview', {}))}
      >
        {t('staff.procedures.preview')}
      </button>
    </section>
  );
}
