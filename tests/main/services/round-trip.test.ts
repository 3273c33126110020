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

  it('the notice staff learn by asking (届出人, 生計維持者, pension, insurance, 旧世帯主, 転出証明書) reaches every form that prints it', async () => {
    const handlers = createHandlers(services);
    const call = async (channel: string, request: unknown) => {
      const answer = await handle(handlers, channel, request, staff);
      if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
      return answer.value as { forms: { id: string; included: boolean; asks: string[] }[]; notice: unknown; facts: unknown };
    };
    await call('session:start', {});
    await call('session:add-member', {
      name: '佐藤　健一',
      furigana: 'サトウ　ケンイチ',
      birthDate: '1984-02-09',
      sex: 'male',
      relationship: '世帯主',
    });
    await call('session:add-member', {
      name: '佐藤　美咲',
      furigana: 'サトウ　ミサキ',
      birthDate: '1987-07-30',
      sex: 'female',
      relationship: '妻',
    });
    await call('session:add-member', {
      name: '佐藤　陽翔',
      furigana: 'サトウ　ハルト',
      birthDate: '2019-05-12',
      sex: 'male',
      relationship: '子',
    });
    await call('session:set-move', {
      kind: 'tennyu',
      moveDate: '2026-11-20',
      notificationDate: '2026-11-24',
      postalCode: '060-0001',
      address: '北海道札幌市中央区北一条西２丁目１番地',
      building: '',
      room: '',
      previousPostalCode: '980-0811',
      previousAddress: '宮城県仙台市青葉区一番町四丁目１１番１号',
      phone: '011-222-3333',
    });
    // Staff tick one box, then the next before the first answer is back: each sends only its own
    // answer, and main keeps both (a full set built from the screen's old view undid the first).
    await Promise.all([
      call('session:set-facts', { facts: { 'm3:childAllowance': true } }),
      call('session:set-facts', { facts: { 'm3:childMedical': true } }),
    ]);
    const decided = await call('session:get', {});
    expect(decided.facts).toEqual({ 'm3:childAllowance': true, 'm3:childMedical': true });
    // The console asks only what the chosen forms print: the 児童手当 its 請求者 and pension, 子ども医療 the insurance.
    const asks = (id: string) => decided.forms.find((f) => f.id === id)!.asks;
    expect(asks('jumin-ido')).toEqual(expect.arrayContaining(['notifierId', 'previousHeadName', 'moveOutDocument']));
    expect(asks('jidou-teate')).toEqual(expect.arrayContaining(['supporterId', 'pension']));
    expect(asks('kodomo-iryo')).toEqual(expect.arrayContaining(['healthInsurance', 'supporterId', 'notifierId']));
    expect(asks('jumin-ido')).not.toContain('healthInsurance');

    // 美咲 comes alone; she mainly supports the family.
    const notice = {
      notifierId: 'm2',
      supporterId: 'm2',
      pension: 'employees',
      healthInsurance: { kind: 'employee', insurer: '全国健康保険協会 宮城支部' },
      previousHeadName: '佐藤　健一',
      moveOutDocument: 'certificate',
    };
    const { previousHeadName, moveOutDocument, ...first } = notice;
    await call('session:set-notice', { notice: first });
    // A later change carries only its own parts; the others stay.
    expect((await call('session:set-notice', { notice: { previousHeadName, moveOutDocument } })).notice).toEqual(notice);
    await call('session:preview', {});
    const form = (id: string) => rendered!.forms.find((f) => f.id === id)!;
    expect(form('jumin-ido').fieldsFilled).toEqual(expect.arrayContaining(['notifierName', 'previousHead', 'moveOutDocument']));
    const jumin = printedText(form('jumin-ido').pdf, { squashed: true });
    expect(jumin).toContain('佐藤美咲');
    expect(jumin).toContain('転出証明書');
    const jidou = printedText(form('jidou-teate-nintei').pdf, { squashed: true });
    expect(jidou).toContain('厚生年金');
    expect(jidou).toMatch(/請求者氏名.*佐藤美咲/);
    expect(jidou).toContain('佐藤健一'); // her 配偶者
    const kodomo = printedText(form('kodomo-iryo').pdf, { squashed: true });
    expect(kodomo).toContain('健康保険（社会保険）（全国健康保険協会宮城支部）');
    expect(form('kodomo-iryo').fieldsFilled).toEqual(expect.arrayContaining(['guardianName', 'supporter', 'insurance']));

    // A member who is not in the visit is refused; removing the 届出人 forgets her in the notice.
    const unknown = await handle(handlers, 'session:set-notice', { notice: { ...notice, supporterId: 'm9' } }, staff);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'session/no-member' } });
    const after = await call('session:remove-member', { id: 'm2' });
    expect(after.notice).toMatchObject({ notifierId: null, supporterId: null, pension: 'employees' });
  });
});
