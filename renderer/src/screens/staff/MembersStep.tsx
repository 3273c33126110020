// Step 2: the household as read or entered; staff correct フリガナ and 続柄 per person.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { warekiWithSeireki } from './relationship-options.tsx';
import type { Member } from '../../../../main/ipc/contract.ts';
import type { FamilyRegister, ForeignResident } from '../../../../domain/visit.ts';
import { LIMITS } from '../../../../domain/limits.ts';
import { hasNoPeriodOfStay, holdsResidenceCard, RESIDENCE_CATEGORIES, type ResidenceCategory } from '../../../../domain/residence.ts';
import { RubyName } from '../../components/RubyName.tsx';
import { call } from '../../kiosk.ts';
import type { Run } from '../../stores/staff-store.ts';
import { AddMemberForm } from './AddMemberForm.tsx';
import type { StepProps } from './step-props.ts';
import { KeyHint } from './KeyHint.tsx';
import { shortcutProps } from './shortcuts.ts';

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
        <button type="button" {...shortcutProps('read')} onClick={() => void run('card', () => call('session:go-to', { step: 'card' }))}>
          {t('staff.card.another')} <KeyHint action="read" />
        </button>{' '}
        <button
          type="button"
          className="primary"
          {...shortcutProps('next')}
          onClick={() => void run('move', () => call('session:go-to', { step: 'move' }))}
        >
          {t('staff.next')} <KeyHint action="next" />
        </button>{' '}
        <button type="button" {...shortcutProps('back')} onClick={() => void run('go-to', () => call('session:go-to', { step: 'card' }))}>
          {t('staff.back')} <KeyHint action="back" />
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
          maxLength={LIMITS.fullKana}
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
          maxLength={LIMITS.relationship}
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

/**
 * 本籍 and 筆頭者 (the card holds neither): optional, printed on the 住民異動届 when given, else the
 * boxes are left to hand-write.
 */
function FamilyRegisterFields({ member, run }: { member: Member; run: Run }) {
  const { t } = useTranslation();
  const [domicile, setDomicile] = useState(member.familyRegister?.domicile ?? '');
  const [head, setHead] = useState(member.familyRegister?.head ?? '');
  useEffect(() => {
    setDomicile(member.familyRegister?.domicile ?? '');
    setHead(member.familyRegister?.head ?? '');
  }, [member.familyRegister]);
  const save = (familyRegister: FamilyRegister | null) =>
    void run('member', () => call('session:update-member', { id: member.id, familyRegister }));
  return (
    <details className="family-register" open={Boolean(member.familyRegister)}>
      <summary>{t('staff.members.familyRegister.title')}</summary>
      <form
        className="member-fields"
        onSubmit={(e) => {
          e.preventDefault();
          save({ domicile: domicile.trim(), head: head.trim() });
        }}
      >
        <label>
          {t('staff.members.familyRegister.domicile')}
          <input
            name={`domicile-${member.id}`}
            className="domicile"
            value={domicile}
            placeholder={t('staff.members.familyRegister.domicileHint')}
            maxLength={LIMITS.domicile}
            onChange={(e) => setDomicile(e.target.value)}
            required
          />
        </label>
        <label>
          {t('staff.members.familyRegister.head')}
          <input
            name={`familyRegisterHead-${member.id}`}
            value={head}
            placeholder={t('staff.members.familyRegister.headHint')}
            maxLength={LIMITS.fullName}
            onChange={(e) => setHead(e.target.value)}
            required
          />
        </label>
        <button type="submit">{t('staff.members.familyRegister.save')}</button>
        {member.familyRegister && (
          <>
            <button type="button" className="secondary" onClick={() => save(null)}>
              {t('staff.members.familyRegister.clear')}
            </button>
            <span role="status">✓ {t('staff.members.familyRegister.saved')}</span>
          </>
        )}
      </form>
    </details>
  );
}

/** The 在留カード fields as typed: the 区分 is not chosen yet on a fresh form. */
type CardInput = Omit<ForeignResident, 'residenceCategory'> & { residenceCategory: ResidenceCategory | '' };
const NO_CARD: CardInput = {
  nationality: '',
  residenceCategory: '',
  residenceStatus: '',
  residenceCardNumber: '',
  residenceCardExpiry: '',
  commonName: '',
};
const MAX_LENGTH: Partial<Record<keyof CardInput, number>> = {
  nationality: LIMITS.nationality,
  residenceStatus: LIMITS.residenceStatus,
  commonName: LIMITS.commonName,
};

/** The 在留カード details of a foreign resident: the My Number card does not hold them. */
function ForeignResidentFields({ member, run }: { member: Member; run: Run }) {
  const { t } = useTranslation();
  const [isForeign, setIsForeign] = useState(member.foreignResident !== null);
  const [card, setCard] = useState<CardInput>(member.foreignResident ?? NO_CARD);
  useEffect(() => {
    setIsForeign(member.foreignResident !== null);
    setCard(member.foreignResident ?? NO_CARD);
  }, [member.foreignResident]);
  const withCard = card.residenceCategory === '' || holdsResidenceCard(card.residenceCategory);
  const save = (foreignResident: ForeignResident | null) =>
    void run('member', () => call('session:update-member', { id: member.id, foreignResident }));
  const field = (key: Exclude<keyof CardInput, 'residenceCategory'>, type = 'text', hint?: string, required = true) => (
    <label>
      {t(`staff.members.foreign.${key}`)}
      <input
        name={`${key}-${member.id}`}
        type={type}
        value={card[key] ?? ''}
        placeholder={hint}
        maxLength={MAX_LENGTH[key]}
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
      {/* A foreign resident has no 戸籍: 本籍・筆頭者 only for Japanese members (main drops them with a saved 在留カード). */}
      {!isForeign && <FamilyRegisterFields member={member} run={run} />}
      {isForeign && (
        <fieldset>
          <legend>{t('staff.members.foreign.title')}</legend>
          <form
            className="member-fields"
            onSubmit={(e) => {
              e.preventDefault();
              const { residenceCardExpiry, commonName, residenceCategory, ...rest } = card;
              if (residenceCategory === '') return; // the select is required: the browser says so
              // A 区分 without a card (一時庇護許可者, …) has no number and no 在留資格 to send.
              const number = card.residenceCardNumber?.trim().toUpperCase() ?? '';
              const status = card.residenceStatus?.trim() ?? '';
              save({
                ...rest,
                residenceCategory,
                residenceStatus: status || undefined,
                residenceCardNumber: number || undefined,
                residenceCardExpiry: residenceCardExpiry || undefined,
                commonName: commonName?.trim() || undefined,
              });
            }}
          >
            {field('nationality')}
            <label>
              {t('staff.members.foreign.residenceCategory')}
              <select
                name={`residenceCategory-${member.id}`}
                value={card.residenceCategory}
                onChange={(e) => setCard({ ...card, residenceCategory: e.target.value as ResidenceCategory | '' })}
                required
              >
                <option value="">{t('staff.members.foreign.choose')}</option>
                {RESIDENCE_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            {/* 一時庇護許可者, 仮滞在許可者 and the 経過滞在者 carry no 在留カード: nothing of it is required. */}
            {field('residenceStatus', 'text', undefined, withCard)}
            {field('residenceCardNumber', 'text', t('staff.members.foreign.residenceCardNumberHint'), withCard)}
            {/* 永住者・特別永住者 have no 在留期間. */}
            {field('residenceCardExpiry', 'date', undefined, withCard && !hasNoPeriodOfStay(card.residenceStatus))}
            {field('commonName', 'text', t('staff.members.foreign.commonNameHint'), false)}
            <button type="submit">{t('staff.members.foreign.save')}</button>
          </form>
        </fieldset>
      )}
    </div>
  );
}
