// Everything staff can enter at the counter reaches the printed forms. Sent through the same
// IPC handler registry the renderer calls (contract validation included), rendered by the real
// form engine, and read back from the render report and from the printed PDF with pdftotext.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/app-handlers.ts';
import { handle } from '../../../main/ipc/registry.ts';
import { createAppServices, type AppServices } from '../../../main/services/app-services.ts';
import { FormsModuleAdapter } from '../../../main/services/forms-adapter.ts';
import type { FormsPort, RenderResult } from '../../../main/services/ports.ts';
import { printedText } from '../../forms/support/raster.ts';

const staff = { screen: 'staff' } as const;

describe('what staff enter reaches the forms', { timeout: 60_000 }, () => {
  let dir: string;
  let services: AppServices;
  let rendered: RenderResult | null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-round-trip-'));
    const real = new FormsModuleAdapter();
    rendered = null;
    const forms: FormsPort = {
      factQuestions: (members) => real.factQuestions(members),
      lookupPostal: (code) => real.lookupPostal(code),
      decide: (household, overrides) => real.decide(household, overrides),
      render: async (household, overrides) => (rendered = await real.render(household, overrides)),
      receipt: (household, ticket) => real.receipt(household, ticket),
    };
    services = createAppServices({
      dataDir: dir,
      info: { name: 't', version: '0', demoMode: true, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 },
      forms,
      kdf: { N: 2 ** 10, r: 8, p: 1 },
    });
    services.staff.signIn('staff', { staffId: 'ito', role: 'staff', counter: '1' });
  });

  afterEach(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the notice date, both buildings and rooms, the phone, a Japanese member’s 本籍・筆頭者 and a foreign resident’s 在留カード, 区分 and 通称 reach the 住民異動届', async () => {
    const handlers = createHandlers(services);
    const call = async (channel: string, request: unknown) => {
      const answer = await handle(handlers, channel, request, staff);
      if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
      return answer.value;
    };
    await call('session:start', {});
    await call('session:add-member', {
      name: '山田　太郎',
      furigana: 'ヤマダ　タロウ',
      birthDate: '1980-06-15',
      sex: 'male',
      relationship: '世帯主',
    });
    await call('session:add-member', {
      name: 'グエン　ティ　ラン',
      furigana: 'グエン　ティラン',
      birthDate: '1992-03-08',
      sex: 'female',
      relationship: '妻',
      foreignResident: {
        nationality: 'ベトナム',
        residenceCategory: '中長期在留者',
        residenceStatus: '永住者の配偶者等',
        residenceCardNumber: 'AB12345678CD',
        residenceCardExpiry: '2029-03-31',
        commonName: '山田　蘭',
      },
    });
    // 本籍・筆頭者 of the head (the card holds neither), typed in the members step.
    await call('session:update-member', {
      id: 'm1',
      familyRegister: { domicile: '北海道札幌市豊平区平岸三条九丁目2番地', head: '山田　一郎' },
    });
    // A 特別永住者 (their own 区分; no 在留期間), added in the members step after the fact.
    await call('session:add-member', {
      name: '金　英洙',
      furigana: 'キム　ヨンス',
      birthDate: '1950-08-15',
      sex: 'male',
      relationship: '父',
    });
    await call('session:update-member', {
      id: 'm3',
      foreignResident: {
        nationality: '韓国',
        residenceCategory: '特別永住者',
        residenceStatus: '特別永住者',
        residenceCardNumber: 'SP20481375KR',
      },
    });
    await call('session:set-move', {
      kind: 'tennyu',
      moveDate: '2026-11-20',
      notificationDate: '2026-11-24',
      postalCode: '060-0001',
      address: '北海道札幌市中央区北一条西２丁目１番地',
      building: '札幌グランドレジデンス北一条',
      room: '1203号室',
      previousPostalCode: '100-0005',
      previousAddress: '東京都千代田区丸の内一丁目９番１号',
      previousBuilding: '丸の内パークハウス',
      previousRoom: '802号室',
      phone: '011-222-3333',
    });
    await call('session:preview', {});
    expect(rendered).not.toBeNull();
    const jumin = rendered!.forms.find((f) => f.id === 'jumin-ido')!;
    for (const field of [
      'notificationDate',
      'moveDate',
      'phone',
      'newBuilding',
      'prevAddress',
      'member.nationality#2',
      'member.status#2',
      'member.card#2',
      'member.expiry#2',
      'member.category#2',
      'member.commonName#2',
      'member.category#3',
      'member.card#3',
      'member.domicile#1',
      'member.familyRegisterHead#1',
    ]) {
      expect(jumin.fieldsFilled, field).toContain(field);
    }
    const text = printedText(jumin.pdf, { squashed: true });
    for (const value of [
      '令和8年11月24日', // 届出日, not the move date
      '令和8年11月20日',
      '1203号室',
      '札幌グランドレジデンス北一条',
      '丸の内パークハウス',
      '802号室',
      'ベトナム',
      '永住者の配偶者等',
      'AB12345678CD',
      '中長期在留者',
      '山田蘭',
      '特別永住者',
      'SP20481375KR',
      '北海道札幌市豊平区平岸三条九丁目2番地',
      '山田一郎',
    ]) {
      expect(text, value).toContain(value);
    }
  });
});
