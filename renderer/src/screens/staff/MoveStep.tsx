// Step 3: the move itself: kind, date, new address (looked up by postal code) and previous address.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { moveKind, type MoveKind } from '../../../../domain/move.ts';
import { LIMITS } from '../../../../domain/limits.ts';
import { call } from '../../kiosk.ts';
import { officeDay } from '../../../../domain/office-time.ts';
import type { StepProps } from './step-props.ts';

export function MoveStep({ session, run }: StepProps) {
  const { t } = useTranslation();
  const initial = session.move;
  const [kind, setKind] = useState<MoveKind>(initial?.kind ?? 'tennyu');
  // No default: a move date the staff did not choose is a wrong date nobody notices.
  const [moveDate, setMoveDate] = useState(initial?.moveDate ?? '');
  // 届出日: the day the resident is at the counter, unless staff record a notice made earlier.
  const [notificationDate, setNotificationDate] = useState(initial?.notificationDate ?? officeDay(Date.now()));
  const [postalCode, setPostalCode] = useState(initial?.postalCode ?? '');
  const [address, setAddress] = useState(initial?.address ?? '');
  const [building, setBuilding] = useState(initial?.building ?? '');
  const [room, setRoom] = useState(initial?.room ?? '');
  const [previousBuilding, setPreviousBuilding] = useState(initial?.previousBuilding ?? '');
  const [previousRoom, setPreviousRoom] = useState(initial?.previousRoom ?? '');
  const [previousAddress, setPreviousAddress] = useState(initial?.previousAddress ?? session.cardAddress ?? '');
  const [previousPostalCode, setPreviousPostalCode] = useState(initial?.previousPostalCode ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [candidates, setCandidates] = useState<string[]>([]);
  const [dataDate, setDataDate] = useState<string | null>(null);
  const lookup = async () => {
    const result = await call('postal:lookup', { postalCode });
    setCandidates(result.candidates);
    setDataDate(result.dataDate);
    if (result.candidates.length === 1) setAddress(result.candidates[0] ?? '');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('move', () =>
      call('session:set-move', {
        kind,
        moveDate,
        notificationDate,
        postalCode,
        address,
        building,
        room,
        previousPostalCode,
        previousAddress,
        previousBuilding,
        previousRoom,
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
      <label>
        {t('staff.move.moveDate')}
        <input name="moveDate" type="date" value={moveDate} onChange={(e) => setMoveDate(e.target.value)} required />
      </label>
      <label>
        {t('staff.move.notificationDate')}
        <input
          name="notificationDate"
          type="date"
          value={notificationDate}
          onChange={(e) => setNotificationDate(e.target.value)}
          required
        />
      </label>
      <div className="inline-form">
        <label>
          {t('staff.move.postalCode')}
          <input name="postalCode" inputMode="numeric" value={postalCode} onChange={(e) => setPostalCode(e.target.value)} required />
        </label>
        <button type="button" onClick={() => void lookup().catch(() => setCandidates([]))}>
          {t('staff.move.lookup')}
        </button>
        {dataDate && <span className="hint">{t('staff.move.dataDate', { date: dataDate })}</span>}
      </div>
      {candidates.length > 1 && (
        <fieldset>
          <legend>{t('staff.move.candidates')}</legend>
          {candidates.map((c) => (
            <label key={c} className="radio">
              <input type="radio" name="candidate" checked={address === c} onChange={() => setAddress(c)} /> {c}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {t('staff.move.address')}
        <input name="address" value={address} onChange={(e) => setAddress(e.target.value)} maxLength={LIMITS.address} required />
      </label>
      <label>
        {t('staff.move.building')}
        <input name="building" value={building} onChange={(e) => setBuilding(e.target.value)} maxLength={LIMITS.building} />
      </label>
      <label>
        {t('staff.move.room')}
        <input name="room" value={room} onChange={(e) => setRoom(e.target.value)} maxLength={LIMITS.room} />
      </label>
      <label>
        {t('staff.move.previousPostalCode')}
        <input
          name="previousPostalCode"
          inputMode="numeric"
          value={previousPostalCode}
          onChange={(e) => setPreviousPostalCode(e.target.value)}
          required
        />
      </label>
      <label>
        {t('staff.move.previousAddress')}
        <input
          name="previousAddress"
          value={previousAddress}
          onChange={(e) => setPreviousAddress(e.target.value)}
          maxLength={LIMITS.address}
          required
        />
      </label>
      <label>
        {t('staff.move.previousBuilding')}
        <input
          name="previousBuilding"
          value={previousBuilding}
          onChange={(e) => setPreviousBuilding(e.target.value)}
          maxLength={LIMITS.building}
        />
      </label>
      <label>
        {t('staff.move.previousRoom')}
        <input name="previousRoom" value={previousRoom} onChange={(e) => setPreviousRoom(e.target.value)} maxLength={LIMITS.room} />
      </label>
      <label>
        {t('staff.move.phone')}
        <input name="phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </label>
      <button type="submit" className="primary big">
        {t('staff.move.save')}
      </button>
    </form>
  );
}
