// Step 4: what the notice says (NoticeFields), the questions the rules need and the forms they chose;
// staff may add or drop a form, giving a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../kiosk.ts';
import type { StepProps } from './step-props.ts';
import { KeyHint } from './KeyHint.tsx';
import { shortcutProps } from './shortcuts.ts';
import { NoticeFields } from './NoticeFields.tsx';
import { useDraft } from './use-draft.ts';

export function ProceduresStep({ session, run }: StepProps) {
  const { t } = useTranslation();
  /** The one form whose box staff just changed, waiting for the reason (none of the others shows a box). */
  const [pending, setPending] = useState<{ formId: string; included: boolean; reason: string } | null>(null);
  const facts = useDraft(session.facts);
  return (
    <section aria-labelledby="procedures-title">
      <h2 id="procedures-title">{t('staff.procedures.title')}</h2>
      <NoticeFields session={session} run={run} />
      {session.factQuestions.length > 0 && (
        <fieldset>
          <legend>{t('staff.procedures.questions')}</legend>
          {session.factQuestions.map((q) => (
            <label key={q.key} className="checkbox">
              <input
                type="checkbox"
                name={`fact-${q.key}`}
                checked={facts.shown[q.key] ?? false}
                onChange={(e) => {
                  // Only this answer goes to main: two quick clicks must not undo each other.
                  const answer = { [q.key]: e.target.checked };
                  facts.change(answer, () => run('facts', () => call('session:set-facts', { facts: answer })));
                }}
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
                checked={pending?.formId === f.id ? pending.included : f.included}
                // Going against the rule asks for the reason, for this form only.
                onChange={(e) => setPending({ formId: f.id, included: e.target.checked, reason: '' })}
              />{' '}
              <strong>{f.title}</strong> {f.included ? `（${t('staff.procedures.include')}）` : ''}
            </label>
            <p className="reason">
              {t('staff.procedures.reason')}（{f.decidedBy === 'staff' ? t('staff.procedures.byStaff') : t('staff.procedures.byRule')}）：
              {f.reason}
            </p>
            {pending?.formId === f.id && (
              <form
                className="reason-prompt"
                onSubmit={(e) => {
                  e.preventDefault();
                  const reason = pending.reason.trim();
                  if (!reason) return;
                  setPending(null);
                  void run('toggle', () => call('session:toggle-form', { formId: f.id, included: pending.included, reason }));
                }}
              >
                <label>
                  {pending.included ? t('staff.procedures.addReason') : t('staff.procedures.removeReason')}
                  <input
                    autoFocus
                    value={pending.reason}
                    maxLength={200}
                    onChange={(e) => setPending({ ...pending, reason: e.target.value })}
                    onKeyDown={(e) => e.key === 'Escape' && setPending(null)}
                  />
                </label>
                <button type="submit" className="primary" disabled={!pending.reason.trim()}>
                  {t('staff.procedures.confirmChange')}
                </button>{' '}
                <button type="button" className="secondary" onClick={() => setPending(null)}>
                  {t('staff.procedures.cancelChange')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {session.checklist.length > 0 && (
        <>
          <h3 id="checklist-title">{t('staff.procedures.checklist')}</h3>
          <p className="hint">{t('staff.procedures.checklistHint')}</p>
          <ul className="checklist" aria-labelledby="checklist-title" data-testid="checklist">
            {session.checklist.map((c) => (
              <li key={c.id} data-handling={c.handling}>
                <span className="checklist-tag">{t(`staff.procedures.handling.${c.handling}`)}</span> <strong>{c.title}</strong>
                {c.note && <span className="checklist-note">：{c.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <button
        type="button"
        className="primary big"
        disabled={!session.forms.some((f) => f.included)}
        {...shortcutProps('next')}
        onClick={() => void run('preview', () => call('session:preview', {}))}
      >
        {t('staff.procedures.preview')} <KeyHint action="next" />
      </button>{' '}
      <button type="button" {...shortcutProps('back')} onClick={() => void run('go-to', () => call('session:go-to', { step: 'move' }))}>
        {t('staff.back')} <KeyHint action="back" />
      </button>
    </section>
  );
}
