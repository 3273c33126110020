// Supervisors see the forms a visit needed by their titles (statistics store only form ids).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import { openKioskDatabase } from '../../../main/services/kiosk-database.ts';
import { QueueModuleAdapter } from '../../../main/services/queue-adapter.ts';
import { EMPTY_NOTICE, type HouseholdDraft } from '../../../domain/visit.ts';
import { loadDefinitions } from '../../../forms/index.ts';

const draft: HouseholdDraft = {
  reference: 'R-TEST-1',
  members: [
    {
      id: 'm1',
      name: '髙橋　𠮷太郎',
      furigana: 'タカハシ　キチタロウ',
      birthDate: '1989-01-07',
      sex: 'male',
      relationship: '世帯主',
      fromCard: true,
      foreignResident: null,
    },
  ],
  headId: 'm1',
  move: {
    kind: 'tennyu',
    moveDate: '2026-11-20',
    postalCode: '060-0001',
    address: '北海道札幌市中央区北一条西２丁目１番地',
    building: '札幌𠮷﨑髙マンション　１２０３号室',
    previousPostalCode: '980-0811',
    previousAddress: '宮城県仙台市青葉区一番町四丁目１１番１号',
    phone: '011-222-3333',
    room: '',
    previousBuilding: '',
    previousRoom: '',
    notificationDate: null,
  },
  facts: {},
  notice: EMPTY_NOTICE,
};

describe('queue adapter statistics', () => {
  let dir: string;
  let adapter: QueueModuleAdapter;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-queue-adapter-'));
    const titles = new Map([...loadDefinitions()].map(([id, d]) => [id, d.title]));
    const kiosk = openKioskDatabase({ path: join(dir, 'queue.sqlite'), keyProvider: createFileKeyProvider(join(dir, 'master.key')) });
    adapter = new QueueModuleAdapter(
      kiosk,
      () => kiosk.close(),
      (id) => titles.get(id) ?? id,
    );
  });

  afterEach(() => {
    adapter.close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names each form set by the forms’ titles', () => {
    const { requestId } = adapter.enqueue(draft, ['jumin-ido', 'kokuho-ido'], { staffId: 'ito', counter: '2' });
    for (const event of ['forms-printed', 'submitted', 'processing-started'] as const)
      adapter.advance(requestId, event, { staffId: 'ito', counter: '2' });
    const today = adapter.today();
    const keys = adapter.stats(today, today).byProcedure.map((r) => r.key);
    expect(keys).toContain('住民異動届・国民健康保険 異動届');
    expect(keys.join()).not.toMatch(/jumin-ido|kokuho-ido/);
  });
});
