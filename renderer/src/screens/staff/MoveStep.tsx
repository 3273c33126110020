// Step 3: the move itself: kind, date, new address and previous address. Each address is looked up
// from its postal code as the digits are typed (offline data, its date shown); a lookup never
// replaces what staff typed after it without asking. Each block shows, wrapped, the address as it
// will print (住所＋方書＋部屋番号), so nothing is hidden behind a scrolled input.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { moveKind, type MoveKind } from '../../../../domain/move.ts';
import { LIMITS } from '../../../../domain/limits.ts';
import { call } from '../../kiosk.ts';
import { officeDay } from '../../../../domain/office-time.ts';
import type { StepProps } from './step-props.ts';
import { KeyHint } from './KeyHint.tsx';
import { shortcutProps } from './shortcuts.ts';
import { applyLookup, postalDigits } from './postal-autofill.ts';
import { warekiWithSeireki } from './relationship-options.tsx';

interface AddressValue {
  postalCode: string;
  address: string;
  building: string;
  room: string;
}

type Labels = Record<'legend' | 'postalCode' | 'address' | 'building' | 'room', string>;

function AddressBlock({
  value,
  onChange,
  labels,
  id,
}: {
  value: AddressValue;
  onChange: (v: AddressValue) => void;
  labels: Labels;
  id: string;
}) {
  const { t } = useTranslation();
  const [candidates, setCandidates] = useState<string[]>([]);
  const [dataDate, setDataDate] = useState<string | null>(null);
  const [status, setStatus] = useState<'idle' | 'filled' | 'kept' | 'matches' | 'none' | 'ask'>('idle');
  /** The address the last lookup put in the field (to tell staff's own typing from it). */
  const filled = useRef<string | null>(null);
  const looked = useRef<string | null>(null);
  const latest = useRef(value);
  latest.current = value;

  const lookup = async (digits: string, explicit: boolean) => {
    looked.current = digits;
    const result = await call('postal:lookup', { postalCode: digits });
    if (looked.current !== digits) return; // staff typed another code meanwhile
    setCandidates(result.candidates);
    setDataDate(result.dataDate);
    if (result.candidates.length === 0) return setStatus('none');
    if (result.candidates.length > 1) return setStatus('matches');
    const found = result.candidates[0] ?? '';
    const now = latest.current;
    const action = explicit ? (now.address.startsWith(found) ? 'keep' : 'fill') : applyLookup(now.address, filled.current, found);
    if (action === 'fill') {
      filled.current = found;
      onChange({ ...now, address: found });
      setStatus('filled');
    } else setStatus(action === 'keep' ? 'kept' : 'ask');
  };
  // As the digits are typed: the 7th digit starts the lookup, no button needed.
  useEffect(() => {
    const digits = postalDigits(value.postalCode);
    if (digits && digits !== looked.current) void lookup(digits, false).catch(() => setStatus('none'));
    if (!digits) looked.current = null;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new code starts a lookup
  }, [value.postalCode]);

  const replaceWith = (c: string) => {
    filled.current = c;
    onChange({ ...value, address: c });
    setStatus('filled');
  };
  const printed = [value.address, value.building, value.room].filter((s) => s.trim() !== '').join('　');
  const found = candidates[0] ?? '';
  return (
    <fieldset className="address-block">
      <legend>{labels.legend}</legend>
      <div className="inline-form">
        <label>
          {labels.postalCode}
          <input
            name={`${id}PostalCode`}
            className="postal-code"
            inputMode="numeric"
            autoComplete="off"
            value={value.postalCode}
            onChange={(e) => onChange({ ...value, postalCode: e.target.value })}
            aria-describedby={`${id}-postal-status`}
            required
          />
        </label>
        <button
          type="button"
          className="secondary"
          aria-label={t('staff.move.lookupFor', { address: labels.legend })}
          onClick={() => {
            const digits = postalDigits(value.postalCode);
            if (digits) void lookup(digits, true).catch(() => setStatus('none'));
          }}
        >
          {t('staff.move.lookup')}
        </button>
        <span id={`${id}-postal-status`} className="hint" role="status">
          {status === 'filled' && `✓ ${t('staff.move.postalFilled')}`}
          {status === 'kept' && `✓ ${t('staff.move.postalMatches')}`}
          {status === 'none' && `⚠ ${t('staff.move.postalNone')}`}
          {dataDate && ` ${t('staff.move.dataDate', { date: dataDate })}`}
        </span>
      </div>
      {status === 'ask' && (
        <p className="warning" data-testid={`${id}-postal-ask`}>
          {t('staff.move.postalDiffers', { found })}{' '}
          <button type="button" className="secondary" onClick={() => replaceWith(found)}>
            {t('staff.move.postalReplace')}
          </button>
        </p>
      )}
      {status === 'matches' && candidates.length > 1 && (
        <fieldset>
          <legend>{t('staff.move.candidates')}</legend>
          {candidates.map((c) => (
            <label key={c} className="radio">
              <input type="radio" name={`${id}-candidate`} checked={value.address === c} onChange={() => replaceWith(c)} /> {c}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {labels.address}
        <input
          name={id === 'new' ? 'address' : 'previousAddress'}
          className="wide"
          value={value.address}
          onChange={(e) => onChange({ ...value, address: e.target.value })}
          maxLength={LIMITS.address}
          required
        />
      </label>
      <label>
        {labels.building}
        <input
          name={id === 'new' ? 'building' : 'previousBuilding'}
          className="wide"
          value={value.building}
          onChange={(e) => onChange({ ...value, building: e.target.value })}
          maxLength={LIMITS.building}
        />
      </label>
      <label>
        {labels.room}
        <input
          name={id === 'new' ? 'room' : 'previousRoom'}
          value={value.room}
          onChange={(e) => onChange({ ...value, room: e.target.value })}
          maxLength={LIMITS.room}
        />
      </label>
      <p className="printed-address" data-testid={`${id}-printed-address`}>
        <span className="hint">{t('staff.move.printedAs')}</span>
        <span lang="ja">{printed || '—'}</span>
      </p>
    </fieldset>
  );
}

export function MoveStep({ session, run }: StepProps) {
  const { t } = useTranslation();
  const initial = session.move;
  const [kind, setKind] = useState<MoveKind>(initial?.kind ?? 'tennyu');
  // No default: a move date the staff did not choose is a wrong date nobody notices.
  const [moveDate, setMoveDate] = useState(initial?.moveDate ?? '');
  // 届出日: the day the resident is at the counter, unless staff record a notice made earlier.
  const [notificationDate, setNotificationDate] = useState(initial?.notificationDate ?? officeDay(Date.now()));
  const [next, setNext] = useState<AddressValue>({
    postalCode: initial?.postalCode ?? '',
    address: initial?.address ?? '',
    building: initial?.building ?? '',
    room: initial?.room ?? '',
  });
  const [previous, setPrevious] = useState<AddressValue>({
    postalCode: initial?.previousPostalCode ?? '',
    address: initial?.previousAddress ?? session.cardAddress ?? '',
    building: initial?.previousBuilding ?? '',
    room: initial?.previousRoom ?? '',
  });
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('move', () =>
      call('session:set-move', {
        kind,
        moveDate,
        notificationDate,
        postalCode: next.postalCode,
        address: next.address,
        building: next.building,
        room: next.room,
        previousPostalCode: previous.postalCode,
        previousAddress: previous.address,
        previousBuilding: previous.building,
        previousRoom: previous.room,
        phone,
      }),
    );
  };
  return (
    <form className="move-form" onSubmit={submit} aria-labelledby="move-title">
      <h2 id="move-title">{t('staff.move.title')}</h2>
      <fieldset>
        <legend>{t('staff.move.kind')}</legend>
        {moveKind.options.map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`staff.move.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="inline-form">
        <label>
          {t('staff.move.moveDate')}
          <input
            name="moveDate"
            type="date"
            value={moveDate}
            onChange={(e) => setMoveDate(e.target.value)}
            aria-describedby="move-date-wareki"
            required
          />
        </label>
        {/* The date as the forms print it, 和暦（西暦）, whatever format the date field shows. */}
        <span id="move-date-wareki" className="hint" data-testid="move-date-wareki">
          {moveDate ? `→ ${warekiWithSeireki(moveDate)}` : ''}
        </span>
        <label>
          {t('staff.move.notificationDate')}
          <input
            name="notificationDate"
            type="date"
            value={notificationDate}
            onChange={(e) => setNotificationDate(e.target.value)}
            aria-describedby="notification-date-wareki"
            required
          />
        </label>
        <span id="notification-date-wareki" className="hint">
          {notificationDate ? `→ ${warekiWithSeireki(notificationDate)}` : ''}
        </span>
      </div>
      <AddressBlock
        id="new"
        value={next}
        onChange={setNext}
        labels={{
          legend: t('staff.move.newLegend'),
          postalCode: t('staff.move.postalCode'),
          address: t('staff.move.address'),
          building: t('staff.move.building'),
          room: t('staff.move.room'),
        }}
      />
      <AddressBlock
        id="previous"
        value={previous}
        onChange={setPrevious}
        labels={{
          legend: t('staff.move.previousLegend'),
          postalCode: t('staff.move.previousPostalCode'),
          address: t('staff.move.previousAddress'),
          building: t('staff.move.previousBuilding'),
          room: t('staff.move.previousRoom'),
        }}
      />
      <label>
        {t('staff.move.phone')}
        <input name="phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </label>
      <button type="submit" className="primary big" {...shortcutProps('next')}>
        {t('staff.move.save')} <KeyHint action="next" />
      </button>{' '}
      <button type="button" {...shortcutProps('back')} onClick={() => void run('go-to', () => call('session:go-to', { step: 'members' }))}>
        {t('staff.back')} <KeyHint action="back" />
      </button>
    </form>
  );
}
