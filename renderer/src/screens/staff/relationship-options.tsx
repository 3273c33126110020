// Shared bits of the members step: the standard 続柄 list and dates shown as 和暦（西暦）.
import { standardRelationships } from '../../../../domain/person.ts';

/** The standard 続柄 as suggestions for every 続柄 input (`list="relationships"`); free text still works. */
export function RelationshipOptions() {
  return (
    <datalist id="relationships">
      {standardRelationships.map((r) => (
        <option key={r} value={r} />
      ))}
    </datalist>
  );
}

const JAPANESE_CALENDAR = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

/** 1989-01-07 → 昭和64年1月7日（1989年）: as the forms print it, with the year residents may know better. */
export function warekiWithSeireki(iso: string): string {
  return `${JAPANESE_CALENDAR.format(new Date(`${iso}T00:00:00Z`)).replace(/^(\D+)1年/, '$1元年')}（${iso.slice(0, 4)}年）`;
}
