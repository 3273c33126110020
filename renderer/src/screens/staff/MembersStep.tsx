// Step 2: the household as read or entered; staff correct フリガナ and 続柄 per person.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { warekiWithSeireki } from './relationship-options.tsx';
import type { Member } from '../../../../main/ipc/contract.ts';
import type { ForeignResident } from '../../../../domain/visit.ts';
import { hasNoPeriodOfStay } from '../../../../domain/residence.ts';
import { RubyName } from '../../components/RubyName.tsx';
import { call } from '../../kiosk.ts';
import type { Run } from '../../stores/staff-store.ts';
import { AddMemberForm } from './AddMemberForm.tsx';
import type { StepProps } from './step-props.ts';

export function MembersStep({ session, run }: StepProps) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{t('staff.members.title')}</h2>
      <ul className="member-list">
        {session.members.map((m) => (
          <MemberRow key={m.id} member={m} run={run} />
        ))}
      </ul>
      <p>
        <button type="button" onClick={() => void run('card', () => call('session:go-to', { step: 'card' }))}>
          {t('staff.card.another')}
        </button>{' '}
        <button type="button" className="primary" onClick={() => void run('move', () => call('session:go-to', { step: 'move' }))}>
          {t('staff.next')}
        </button>
      </p>
      <AddMemberForm run={run} />
    </section>
  );
}

function MemberRow({ member, run }: { member: Member; run: Run }) {
  const { t } = useTranslation();
  const [furigana, setFurigana] = useState(member.furigana);
  const [relationship, setRelationship] = useState(member.relationship);
  useEffect(() => setFurigana(member.furigana), [member.furigana]);
  useEffect(() => setRelationship(member.relationship), [member.relationship]);
  const save = (patch: { furigana?: string; relationship?: string }) =>
    void run('member', () => call('session:update-member', { id: member.id, ...patch }));
  const fid = `furigana-${member.id}`;
  const rid = `relationship-${member.id}`;
  return (
    <li className="member" data-testid={`member-${member.id}`}>
      <p className="member-name">
        <RubyName name={member.name} furigana={member.furigana} />
        <span className="source-tag">{member.fromCard ? t('staff.members.fromCard') : t('staff.members.manual')}</span>
      </p>
      <p>
        {t('staff.members.birthDate')}：{warekiWithSeireki(member.birthDate)}　{t('staff.members.sex')}：
        {t(`staff.members.sexValue.${member.sex}`)}
      </p>
      <div className="member-fields">
        <label htmlFor={fid}>{t('staff.members.furigana')}</label>
        <input
          id={fid}
          value={furigana}
          onChange={(e) => setFurigana(e.target.value)}
          onBlur={() => furigana !== member.furigana && save({ furigana })}
        />
        {member.furiganaSuggestion && member.furiganaSuggestion !== member.furigana && (
          <button type="button" onClick={() => save({ furigana: member.furiganaSuggestion ?? '' })}>
            {t('staff.members.accept')}（{member.furiganaSuggestion}）
          </button>
        )}
        <label htmlFor={rid}>{t('staff.members.relationship')}</label>
        <input
          id={rid}
          list="relationships"
          value={relationship}
          placeholder={t('staff.members.relationshipHint')}
          onChange={(e) => setRelationship(e.target.value)}
          onBlur={() => relationship !== member.relationship && save({ relationship })}
        />
        <button type="button" onClick={() => save({ furigana, relationship })}>
          {t('staff.members.save')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void run('remove', () => call('session:remove-member', { id: member.id }))}
        >
          {t('staff.members.remove')}
        </button>
      </div>
      <ForeignResidentFields member={member} run={run} />
    </li>
  );
}

const NO_CARD: ForeignResident = { nationality: '', residenceStatus: '', residenceCardNumber: '', residenceCardExpiry: '' };

/** The 在留カード details of a foreign resident: the My Number card does not hold them. */
function ForeignResidentFields({ member, run }: { member: Member; run: Run }) {
  const { t } = useTranslation();
  const [isForeign, setIsForeign] = useState(member.foreignResident !== null);
  const [card, setCard] = useState<ForeignResident>(member.foreignResident ?? NO_CARD);
  useEffect(() => {
    setIsForeign(member.foreignResident !== null);
    setCard(member.foreignResident ?? NO_CARD);
  }, [member.foreignResident]);
  const save = (foreignResident: ForeignResident | null) =>
    void run('member', () => call('session:update-member', { id: member.id, foreignResident }));
  const field = (key: keyof ForeignResident, type = 'text', hint?: string, required = true) => (
    <label>
      {t(`staff.members.foreign.${key}`)}
      <input
        name={`${key}-${member.id}`}
        type={type}
        value={card[key] ?? ''}
        placeholder={hint}
        onChange={(e) => setCard({ ...card, [key]: e.target.value })}
        required={required}
      />
    </label>
  );
  // Most members are not foreign residents: one checkbox, and the 在留カード fields only when ticked.
  return (
    <div className="foreign-resident">
      <label className="checkbox">
        <input
          type="checkbox"
          name={`foreign-${member.id}`}
          checked={isForeign}
          onChange={(e) => {
            setIsForeign(e.target.checked);
            if (!e.target.checked && member.foreignResident !== null) save(null);
          }}
        />{' '}
        {t('staff.members.foreign.is')}
      </label>
      {isForeign && (
        <fieldset>
          <legend>{t('staff.members.foreign.title')}</legend>
          <form
            className="member-fields"
            onSubmit={(e) => {
              e.preventDefault();
              const { residenceCardExpiry, ...rest } = card;
              save({
                ...rest,
                residenceCardNumber: card.residenceCardNumber.trim().toUpperCase(),
                ...(residenceCardExpiry ? { residenceCardExpiry } : {}),
              });
            }}
          >
            {field('nationality')}
            {field('residenceStatus')}
            {field('residenceCardNumber', 'text', t('staff.members.foreign.residenceCardNumberHint'))}
            {/* 永住者・特別永住者 have no 在留期間. */}
            {field('residenceCardExpiry', 'date', undefined, !hasNoPeriodOfStay(card.residenceStatus))}
            <button type="submit">{t('staff.members.foreign.save')}</button>
          </form>
        </fieldset>
      )}
    </div>
  );
}
