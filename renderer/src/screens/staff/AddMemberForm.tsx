// A person without a card, entered by hand (offered on the card and members steps).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../domain/limits.ts';
import { sex as sexes, type Sex } from '../../../../domain/person.ts';
import { parseDateInput } from '../../../../domain/japanese-date.ts';
import { warekiWithSeireki } from './relationship-options.tsx';
import { call } from '../../kiosk.ts';
import { KeyHint } from './KeyHint.tsx';
import { shortcutProps } from './shortcuts.ts';
import type { Run } from '../../stores/staff-store.ts';

export function AddMemberForm({ run }: { run: Run }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [furigana, setFurigana] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [sex, setSex] = useState<Sex>('female');
  const [relationship, setRelationship] = useState('子');
  if (!open) {
    return (
      <p>
        <button type="button" {...shortcutProps('add')} onClick={() => setOpen(true)}>
          {t('staff.card.manual')} <KeyHint action="add" />
        </button>
      </p>
    );
  }
  const parsed = birthDate.trim() === '' ? null : parseDateInput(birthDate);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed?.ok) return;
    void run('add', () => call('session:add-member', { name, furigana, birthDate: parsed.iso, sex, relationship })).then(() => {
      setOpen(false);
      setName('');
      setFurigana('');
      setBirthDate('');
    });
  };
  return (
    <form className="add-member" onSubmit={submit} aria-labelledby="add-member-title">
      <h3 id="add-member-title">{t('staff.members.addTitle')}</h3>
      <label>
        {t('staff.members.name')}
        {/* Opened from its button or Alt+A: the first field takes the typing. */}
        <input name="name" autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={LIMITS.fullName} required />
      </label>
      <label>
        {t('staff.members.furigana')}
        <input name="furigana" value={furigana} onChange={(e) => setFurigana(e.target.value)} maxLength={LIMITS.fullKana} />
      </label>
      <label>
        {t('staff.members.birthDate')}
        <input
          name="birthDate"
          value={birthDate}
          placeholder={t('staff.members.birthDateHint')}
          aria-describedby="add-member-birth"
          aria-invalid={parsed?.ok === false}
          onChange={(e) => setBirthDate(e.target.value)}
          required
        />
      </label>
      {/* What the typed date was read as, 和暦（西暦）, before anything is added. */}
      <p id="add-member-birth" role="status" className={parsed?.ok === false ? 'warning strong' : ''}>
        {parsed === null ? '' : parsed.ok ? `→ ${warekiWithSeireki(parsed.iso)}` : t(`staff.members.dateProblem.${parsed.problem}`)}
      </p>
      <label>
        {t('staff.members.sex')}
        <select name="sex" value={sex} onChange={(e) => setSex(e.target.value as Sex)}>
          {sexes.options.map((s) => (
            <option key={s} value={s}>
              {t(`staff.members.sexValue.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('staff.members.relationship')}
        <input
          name="relationship"
          list="relationships"
          value={relationship}
          onChange={(e) => setRelationship(e.target.value)}
          maxLength={LIMITS.relationship}
          required
        />
      </label>
      <button type="submit" className="primary" disabled={!parsed?.ok}>
        {t('staff.members.add')}
      </button>
    </form>
  );
}
