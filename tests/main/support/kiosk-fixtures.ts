// Shared set-up for the queue, statistics and printing tests: a temporary data directory, a
// controllable clock, and realistic resident data (rare kanji, a character outside the BMP,
// long addresses). Everything lives under the OS temp directory and is removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import { openDatabase, type Db } from '../../../main/db/connection.ts';
import { kioskDatabaseOn, type KioskDatabase } from '../../../main/services/kiosk-database.ts';

export interface TestKiosk {
  dir: string;
  dbPath: string;
  keyPath: string;
  clock: { now: number };
  /** The kiosk's own connection, for tests that look at the tables directly. */
  db: Db;
  kiosk: KioskDatabase;
  reopen(): KioskDatabase;
  cleanup(): void;
}

/** 2026-11-24 09:00 JST. */
export const MORNING = Date.parse('2026-11-24T00:00:00Z');

export function makeTestKiosk(options: { start?: number; retentionDays?: number } = {}): TestKiosk {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-test-'));
  const dbPath = join(dir, 'kiosk.sqlite');
  const keyPath = join(dir, 'master.key');
  const clock = { now: options.start ?? MORNING };
  const open = () => {
    const db = openDatabase(dbPath);
    const kiosk = kioskDatabaseOn(db, {
      keyProvider: createFileKeyProvider(keyPath),
      clock: () => clock.now,
      retentionDays: options.retentionDays,
    });
    return { db, kiosk };
  };
  const first = open();
  const t: TestKiosk = {
    dir,
    dbPath,
    keyPath,
    clock,
    db: first.db,
    kiosk: first.kiosk,
    reopen() {
      t.kiosk.close();
      ({ db: t.db, kiosk: t.kiosk } = open());
      return t.kiosk;
    },
    cleanup() {
      try {
        t.kiosk.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return t;
}

export const residents = {
  yoshino: {
    name: '𠮷野 髙﨑 花子',
    nameKana: 'ヨシノ タカサキ ハナコ',
    birthDate: '1985-04-01',
    sex: 'female',
    address: '東京都千代田区霞が関一丁目一番一号 中央合同庁舎第二号館 髙﨑ビルディング 𠮷祥寺レジデンス 三〇一号室',
    newAddress: '神奈川県足柄上郡山北町神縄字向山四丁目二千五百五十五番地の十二 﨑陽コーポ 東棟 一〇二号',
    phone: '090-1234-5678',
  },
  takahashi: {
    name: '髙橋 一郎',
    nameKana: 'タカハシ イチロウ',
    birthDate: '1950-12-31',
    address: '大阪府大阪市北区中之島一丁目三番二十号',
  },
  saito: {
    name: '齋藤 𠮷男',
    address: '北海道札幌市中央区北一条西二丁目',
  },
} as const;

export const MINUTE = 60_000;
