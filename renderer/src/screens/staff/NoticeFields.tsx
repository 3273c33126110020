// Step 4, above the questions: what staff learn by asking and no card holds (届出人, 生計維持者,
// pension, the children's insurance, 旧世帯主, 転出証明書). Only the parts the chosen forms print
// are asked; an unknown part stays unknown and its box is printed 要確認 for hand-writing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../kiosk.ts';
import { LIMITS } from '../../../../domain/limits.ts';
import {
  healthInsuranceKind,
  maySupportChildren,
  moveOutDocument,
  pensionKind,
  type NoticePart,
  type VisitNotice,
} from '../../../../domain/visit.ts';
import type { StepProps } from './step-props.ts';
import { useDraft } from './use-draft.ts';

/** A text box that sends its value when staff leave it (not on every key: each change decides the forms again). */
function NoticeText({
  name,
  label,
  value,
  maxLength,
  onSave,
}: {
  name: string;
  label: string;
  value: string;
  maxLength: number;
  onSave: (text: string) => void;
}) {
  const [text, setText] = useState(value);
  return (
    <label>
      {label}
      <input
        name={name}
        value={text}
        maxLength={maxLength}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text.trim() !== value && onSave(text.trim())}
      />
    </label>
  );
}

export function NoticeFields({ session, run }: StepProps) {
  const { t } = useTranslation();
  const draft = useDraft(session.notice);
  const notice = draft.shown;
  const asked = new Set<NoticePart>(session.forms.filter((f) => f.included).flatMap((f) => f.asks));
  if (session.move?.kind !== 'tennyu') asked.delete('moveOutDocument');
  if (asked.size === 0) return null;
  // Only the changed part goes to main, which keeps the rest: a second choice made before the
  // first one's answer must not send the first one's old value back.
  const save = (patch: Partial<VisitNotice>) =>
    draft.change(patch, () => run('notice', () => call('session:set-notice', { notice: patch })));
  const option = (m: (typeof session.members)[number]) => (
    <option key={m.id} value={m.id}>
      {m.name}（{m.relationship}）
    </option>
  );
  const memberOptions = session.members.map(option);
  // 生計維持者: adults only, never one of the children (the one chosen stays listed, for its error to make sense).
  const noticeDay = session.move ? (session.move.notificationDate ?? session.move.moveDate) : null;
  const supporterOptions = session.members
    .filter(
      (m) =>
        m.id === notice.supporterId ||
        noticeDay === null ||
        maySupportChildren(m.birthDate, noticeDay, session.facts[`${m.id}:childAllowance`] === true),
    )
    .map(option);
  const unknown = <option value="">{t('staff.notice.unknown')}</option>;
  return (
    <fieldset className="notice-fields" data-testid="notice-fields">
      <legend>{t('staff.notice.legend')}</legend>
      <p className="hint">{t('staff.notice.hint')}</p>
      {asked.has('notifierId') && (
        <label>
          {t('staff.notice.notifierId')}
          <select name="notice-notifier" value={notice.notifierId ?? ''} onChange={(e) => save({ notifierId: e.target.value || null })}>
            <option value="">{t('staff.notice.notifierDefault')}</option>
            {memberOptions}
          </select>
        </label>
      )}
      {asked.has('supporterId') && (
        <label>
          {t('staff.notice.supporterId')}
          <select name="notice-supporter" value={notice.supporterId ?? ''} onChange={(e) => save({ supporterId: e.target.value || null })}>
            {unknown}
            {supporterOptions}
          </select>
        </label>
      )}
      {asked.has('pension') && (
        <label>
          {t('staff.notice.pension')}
          <select
            name="notice-pension"
            value={notice.pension ?? ''}
            onChange={(e) => save({ pension: e.target.value === '' ? null : pensionKind.parse(e.target.value) })}
          >
            {unknown}
            {pensionKind.options.map((p) => (
              <option key={p} value={p}>
                {t(`staff.notice.pensions.${p}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {asked.has('healthInsurance') && (
        <>
          <label>
            {t('staff.notice.healthInsurance')}
            <select
              name="notice-insurance"
              value={notice.healthInsurance?.kind ?? ''}
              onChange={(e) =>
                save({
                  healthInsurance:
                    e.target.value === '' ? null : { ...notice.healthInsurance, kind: healthInsuranceKind.parse(e.target.value) },
                })
              }
            >
              {unknown}
              {healthInsuranceKind.options.map((k) => (
                <option key={k} value={k}>
                  {t(`staff.notice.insuranceKinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {notice.healthInsurance && (
            <NoticeText
              key={`insurer-${notice.healthInsurance.insurer ?? ''}`}
              name="notice-insurer"
              label={t('staff.notice.insurer')}
              value={notice.healthInsurance.insurer ?? ''}
              maxLength={LIMITS.insurer}
              onSave={(insurer) => save({ healthInsurance: { kind: notice.healthInsurance!.kind, insurer: insurer || undefined } })}
            />
          )}
        </>
      )}
      {asked.has('previousHeadName') && (
        <NoticeText
          key={`previous-head-${notice.previousHeadName ?? ''}`}
          name="notice-previous-head"
          label={t('staff.notice.previousHeadName')}
          value={notice.previousHeadName ?? ''}
          maxLength={LIMITS.fullName}
          onSave={(name) => save({ previousHeadName: name || null })}
        />
      )}
      {asked.has('moveOutDocument') && (
        <label>
          {t('staff.notice.moveOutDocument')}
          <select
            name="notice-move-out-document"
            value={notice.moveOutDocument ?? ''}
            onChange={(e) => save({ moveOutDocument: e.target.value === '' ? null : moveOutDocument.parse(e.target.value) })}
          >
            {unknown}
            {moveOutDocument.options.map((d) => (
              <option key={d} value={d}>
                {t(`staff.notice.moveOutDocuments.${d}`)}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}
