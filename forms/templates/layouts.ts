// Layouts of our own clean A4 templates. The generator (generate.ts) turns each into a template
// PDF and the form definition JSON that binds its boxes to the household model.
import type { SignatureRequirement } from '../profiles/profile.ts';

/** A label that depends on the household (e.g. on the move kind): a binding, printed at fill time. */
export interface BoundLabel {
  bind: string;
}

export interface LayoutField {
  id: string;
  /** Printed in the template, or bound (see BoundLabel) when it differs by move kind. */
  label: string | BoundLabel;
  bind: string;
  /** Width in twelfths of the content width. */
  span: number;
  height?: number;
  size?: number;
  minSize?: number;
  multiline?: boolean;
  comb?: number;
  align?: 'left' | 'center';
}

export interface LayoutHandwrite {
  id: string;
  label: string;
  kind: 'signature' | 'seal' | 'office';
  span: number;
  height?: number;
  /** Signatures: what the box needs by default, its source, and whose name is printed when 記名 is accepted. */
  signing?: Signing;
}

/** A signature box's default requirement (overridable per form by a city profile) and its public source. */
export interface Signing {
  requirement: SignatureRequirement;
  source: string;
  signer?: string;
}

// Sources for the signature defaults (docs/forms.md, "Signatures").
/** 住民異動届: the law asks for the 届出人's signature. */
const SIGN_BY_LAW: Signing = {
  requirement: 'hand-signature',
  source:
    '住民基本台帳法の届出は書面で、届出人の署名を要する（https://www.weblio.jp/content/%E4%BD%8F%E6%B0%91%E7%95%B0%E5%8B%95%E5%B1%8A%E7%AD%89%E3%81%AE%E6%A6%82%E8%A6%81）',
};
/** Forms without a legal signature requirement: since the 2021 押印 review a printed name (記名) is accepted once identity is checked. */
const printedName = (signer = 'notifier.name'): Signing => ({
  requirement: 'printed-name-accepted',
  signer,
  source:
    '令和3年の押印見直しで、法令に署名の定めのない申請書・届出書は記名（印字可）で受け付ける例が多い（古河市 https://www.city.ibaraki-koga.lg.jp/soshiki/soumu/6/14284.html 、和泉市 https://www.city.osaka-izumi.lg.jp/kakukano/kousitu/kikaku/osirase/14924.html ）。市の取扱いが異なる場合はプロファイルで上書きする',
});
/** A claim for money: no source says a printed name suffices, so the claimant signs. */
const SIGN_CLAIM: Signing = {
  requirement: 'hand-signature',
  signer: 'claimant.name',
  source:
    '児童手当の認定請求は請求者本人の請求で、記名で足りるとする出典が見当たらないため自署とする（請求者・口座の確認: https://www.city.kariya.lg.jp/kosodatenavi/1014910/1012421/1016690/1018944/1018917.html）',
};
/** 印鑑登録: the applicant applies in person; registered-seal procedures kept their strict identity checks in the 押印 review. */
const SIGN_SEAL_REGISTRATION: Signing = {
  requirement: 'hand-signature',
  source:
    '印鑑登録申請書は登録申請者本人が提出（札幌市印鑑条例施行規則 様式1 https://www.city.sapporo.jp/ncms/reiki/d1w_reiki_nonframe/H403902100044/H403902100044_j.html）。押印見直しでも印影照合を伴う手続きは存続（稲沢市 https://www.city.inazawa.aichi.jp/0000001642.html）',
};

export interface LayoutColumn {
  id: string;
  label: string;
  /** Value binding, or a hand-writing box (seal impression per person). */
  bind?: string;
  handwrite?: 'seal' | 'signature' | 'office';
  /** Relative width within its line. */
  width: number;
  /** The line of the member row (0 first); a row has as many lines as its highest line + 1. */
  line?: 0 | 1 | 2;
  size?: number;
  multiline?: boolean;
  align?: 'left' | 'center';
}

export type LayoutBlock =
  | { heading?: string; fields: LayoutField[] }
  | { heading?: string; handwrite: LayoutHandwrite[] }
  | { heading: string; table: { rows: number; rowHeight: number; columns: LayoutColumn[] } }
  | { note: string };

export interface Layout {
  id: string;
  procedure: string;
  title: string;
  subtitle: string | BoundLabel;
  kind: 'acroform' | 'flat';
  /** One digit width for the whole form (values and the template's own text); default half-width. */
  digits?: 'half' | 'full';
  blocks: LayoutBlock[];
}

/**
 * Labels bound to the move kind (forms/pdf/context.ts MOVE_LABELS): on a 転出 the new address is the
 * 転出先, the address here the 現在の住所 and the date the 転出予定日.
 */
const MOVE_ADDRESS: BoundLabel = { bind: 'move.label.address' };
const MOVE_PREVIOUS: BoundLabel = { bind: 'move.label.previous' };
const MOVE_DATE: BoundLabel = { bind: 'move.label.moveDate' };

/**
 * The new address. Forms with their own 方書 box (newBuilding) print the address alone; the
 * others print building and room in the address box, so neither is ever dropped.
 */
const newAddress = (label: string | BoundLabel = MOVE_ADDRESS, building: 'own-box' | 'in-address' = 'in-address'): LayoutBlock => ({
  fields: [
    { id: 'newPostal', label: '郵便番号', bind: 'newAddress.postalDigits', span: 3, comb: 7, size: 11 },
    {
      id: 'newAddress',
      label,
      bind: building === 'own-box' ? 'newAddress.full' : 'newAddress.withBuilding',
      span: 9,
      multiline: true,
      size: 11,
      // With an 80-character 方書 and a room number the address takes three lines at 8 pt.
      ...(building === 'in-address' ? { height: 44 } : {}),
    },
  ],
});
// A 方書 may be 80 characters (and a room number): across the page it wraps onto two lines at ≥ 8 pt
// (READABLE_SIZE) rather than shrinking out of sight; a narrower box needs three lines' height.
const newBuilding = (span = 12, height = 34): LayoutField => ({
  id: 'newBuilding',
  label: '方書（建物名・部屋番号）',
  bind: 'newAddress.building',
  span,
  multiline: true,
  height,
});
const previousAddress = (label: string | BoundLabel = MOVE_PREVIOUS): LayoutBlock => ({
  fields: [
    { id: 'prevPostal', label: '郵便番号', bind: 'previousAddress.postalDigits', span: 3, comb: 7, size: 11 },
    { id: 'prevAddress', label, bind: 'previousAddress.withBuilding', span: 9, multiline: true, size: 10 },
  ],
});
const dates: LayoutBlock = {
  fields: [
    { id: 'notificationDate', label: '届出日', bind: 'notificationDate', span: 4 },
    { id: 'moveDate', label: MOVE_DATE, bind: 'move.date', span: 4 },
    { id: 'phone', label: '電話番号（日中の連絡先）', bind: 'phone', span: 4 },
  ],
};
/** For forms that serve several kinds of notice (資格取得 / 住所変更 / 受給資格証明書…): the kind the rules chose. */
const procedureKindAndDates: LayoutBlock = {
  fields: [
    { id: 'changeKind', label: '届出の種類', bind: 'procedure.kind', span: 4, multiline: true },
    { id: 'notificationDate', label: '届出日', bind: 'notificationDate', span: 3 },
    { id: 'moveDate', label: MOVE_DATE, bind: 'move.date', span: 3 },
    { id: 'phone', label: '電話番号', bind: 'phone', span: 2 },
  ],
};
/** The first block of a form that ends a benefit on a 転出: why it ends, and the dates. */
const endingCauseAndDates = (causeLabel: string): LayoutBlock => ({
  fields: [
    { id: 'cause', label: causeLabel, bind: 'literal:市外への転出', span: 3 },
    { id: 'notificationDate', label: '届出日', bind: 'notificationDate', span: 3 },
    { id: 'moveDate', label: MOVE_DATE, bind: 'move.date', span: 3 },
    { id: 'phone', label: '電話番号', bind: 'phone', span: 3 },
  ],
});
const personColumns = (extra: LayoutColumn[] = []): LayoutColumn[] => [
  { id: 'kana', label: 'フリガナ', bind: 'member.kana', width: 3.2 },
  { id: 'name', label: '氏名', bind: 'member.name', width: 3.2, size: 12 },
  { id: 'birth', label: '生年月日', bind: 'member.birthDate', width: 2.6 },
  { id: 'sex', label: '性別', bind: 'member.sex', width: 0.8, align: 'center' },
  ...extra,
];
const notifierSign = (who = '届出人'): LayoutBlock => ({
  fields: [
    { id: 'notifierName', label: `${who}氏名`, bind: 'notifier.name', span: 4, size: 11 },
    { id: 'notifierRelationship', label: '世帯主との続柄', bind: 'notifier.relationship', span: 2, align: 'center' },
  ],
});
const signature = (signing: Signing, label = '届出人署名', office = '※受付欄（職員記入）'): LayoutBlock => ({
  handwrite: [
    { id: 'signature', label, kind: 'signature', span: 8, height: 40, signing },
    { id: 'office', label: office, kind: 'office', span: 4, height: 40 },
  ],
});

export const LAYOUTS: Layout[] = [
  {
    id: 'jumin-ido',
    procedure: 'jumin-ido',
    title: '住民異動届',
    // 転入・転居・転出 differ in what they ask: the labels are bound to the move kind (context.ts).
    subtitle: { bind: 'move.label.deadline' },
    kind: 'acroform',
    blocks: [
      {
        fields: [
          { id: 'moveType', label: '届出の種類', bind: 'move.typeTitle', span: 3, size: 14, align: 'center' },
          { id: 'notificationDate', label: '届出日', bind: 'notificationDate', span: 3 },
          { id: 'moveDate', label: { bind: 'move.label.date' }, bind: 'move.date', span: 3 },
          { id: 'phone', label: '電話番号', bind: 'phone', span: 3 },
        ],
      },
      newAddress({ bind: 'move.label.newAddress' }, 'own-box'),
      { fields: [newBuilding()] },
      {
        fields: [
          { id: 'headName', label: { bind: 'move.label.newHead' }, bind: 'head.name', span: 3 },
          { id: 'headKana', label: '世帯主フリガナ', bind: 'head.kana', span: 3 },
          { id: 'previousHead', label: '旧世帯主（異動前の世帯主）', bind: 'previousHead.name', span: 3 },
          // Only a 転入 has it: on a 転居・転出 the label says the box asks nothing.
          { id: 'moveOutDocument', label: { bind: 'move.label.moveOutDocument' }, bind: 'move.moveOutDocument', span: 3, size: 9 },
        ],
      },
      previousAddress({ bind: 'move.label.previousAddress' }),
      {
        heading: '異動する人（日本人の方は本籍・筆頭者を、外国人住民の方は下段をご記入ください）',
        table: {
          rows: 4,
          rowHeight: 84,
          columns: [
            ...personColumns([
              { id: 'rel', label: '続柄', bind: 'member.relationship', width: 1.2, align: 'center' },
              { id: 'code', label: '住民票コード', bind: 'member.residentRecordCode', width: 2.2 },
            ]),
            // 本籍 and 筆頭者 of the member's 戸籍 (Japanese nationals; a foreign resident has none).
            { id: 'domicile', label: '本籍', bind: 'member.domicile', width: 9, line: 1, multiline: true },
            { id: 'familyRegisterHead', label: '筆頭者の氏名', bind: 'member.familyRegisterHead', width: 4, line: 1 },
            { id: 'nationality', label: '国籍・地域', bind: 'member.nationality', width: 2, line: 2 },
            { id: 'category', label: '法第30条の45に規定する区分', bind: 'member.residenceCategory', width: 3, line: 2 },
            { id: 'status', label: '在留資格', bind: 'member.residenceStatus', width: 2.4, line: 2 },
            { id: 'card', label: '在留カード等の番号', bind: 'member.residenceCardNumber', width: 2.4, line: 2 },
            { id: 'expiry', label: '在留期間の満了の日', bind: 'member.residenceCardExpiry', width: 2.2, line: 2 },
            { id: 'commonName', label: '通称', bind: 'member.commonName', width: 2, line: 2 },
          ],
        },
      },
      notifierSign(),
      signature(SIGN_BY_LAW),
    ],
  },
  {
    id: 'mynumber-card',
    procedure: 'mynumber-card',
    title: 'マイナンバーカード 券面記載事項変更届',
    subtitle: 'カードの追記欄に新しい住所を記載します（暗証番号は窓口の端末で入力）',
    kind: 'flat',
    blocks: [
      dates,
      newAddress('新しい住所（券面に記載する住所）', 'own-box'),
      { fields: [newBuilding()] },
      { fields: [{ id: 'headName', label: '世帯主', bind: 'head.name', span: 6 }] },
      {
        heading: 'カードをお持ちの方',
        table: { rows: 5, rowHeight: 34, columns: personColumns([{ id: 'pin', label: '暗証番号確認', handwrite: 'office', width: 1.6 }]) },
      },
      notifierSign(),
      signature(printedName()),
    ],
  },
  {
    id: 'kokuho-ido',
    procedure: 'kokuho-ido',
    title: '国民健康保険 異動届',
    subtitle: { bind: 'move.label.kokuhoSubtitle' },
    kind: 'acroform',
    blocks: [
      {
        fields: [
          { id: 'moveType', label: '異動の種類', bind: 'kokuho.changeKind', span: 2, size: 14, align: 'center' },
          { id: 'notificationDate', label: '届出日', bind: 'notificationDate', span: 3 },
          { id: 'moveDate', label: MOVE_DATE, bind: 'move.date', span: 3 },
          { id: 'phone', label: '電話番号', bind: 'phone', span: 4 },
        ],
      },
      {
        fields: [
          { id: 'headName', label: '世帯主氏名', bind: 'head.name', span: 4, size: 12 },
          { id: 'headKana', label: '世帯主フリガナ', bind: 'head.kana', span: 4 },
          { id: 'headBirth', label: '世帯主生年月日', bind: 'head.birthDate', span: 4 },
        ],
      },
      newAddress(),
      previousAddress(),
      {
        heading: '国民健康保険の被保険者',
        table: {
          rows: 4,
          rowHeight: 34,
          columns: personColumns([
            { id: 'rel', label: '続柄', bind: 'member.relationship', width: 1.2, align: 'center' },
            // The app reads no 個人番号 (unless the deployment allows it): always left for hand-writing.
            { id: 'individualNumber', label: '個人番号（12桁）', bind: 'member.individualNumber', width: 2.6 },
          ]),
        },
      },
      // The 届出人 may be another member than the 世帯主 (the head is obliged, anyone of the household may notify).
      notifierSign(),
      signature(printedName(), '届出人署名', '※記号番号（職員記入）'),
    ],
  },
  {
    id: 'kaigo-hoken',
    procedure: 'kaigo-hoken',
    title: '介護保険 異動届',
    subtitle: '要介護・要支援の認定を受けている方（年齢を問いません）と65歳以上の方',
    kind: 'flat',
    blocks: [
      procedureKindAndDates,
      newAddress(),
      previousAddress(),
      {
        heading: '被保険者',
        table: {
          rows: 3,
          rowHeight: 34,
          columns: personColumns([{ id: 'age', label: '年齢', bind: 'member.age', width: 1, align: 'center' }]),
        },
      },
      notifierSign(),
      signature(printedName(), '届出人署名', '※被保険者番号（職員記入）'),
    ],
  },
  {
    id: 'kouki-koureisha',
    procedure: 'kouki-koureisha',
    title: '後期高齢者医療 異動届',
    subtitle: { bind: 'move.label.koukiSubtitle' },
    kind: 'flat',
    blocks: [
      procedureKindAndDates,
      newAddress(),
      previousAddress(),
      {
        heading: '被保険者',
        table: {
          rows: 3,
          rowHeight: 34,
          columns: personColumns([{ id: 'age', label: '年齢', bind: 'member.age', width: 1, align: 'center' }]),
        },
      },
      notifierSign(),
      signature(printedName(), '届出人署名', '※被保険者番号（職員記入）'),
    ],
  },
  {
    id: 'jidou-teate-nintei',
    procedure: 'jidou-teate',
    title: '児童手当 認定請求書',
    subtitle: '転入の方（転出予定日の翌日から15日以内）',
    kind: 'flat',
    blocks: [
      dates,
      {
        heading: '請求者',
        fields: [
          { id: 'claimantName', label: '請求者氏名', bind: 'claimant.name', span: 4, size: 12 },
          { id: 'claimantKana', label: 'フリガナ', bind: 'claimant.kana', span: 4 },
          { id: 'claimantBirth', label: '生年月日', bind: 'claimant.birthDate', span: 4 },
        ],
      },
      {
        fields: [
          { id: 'claimantSex', label: '性別', bind: 'claimant.sex', span: 1, align: 'center' },
          { id: 'claimantNumber', label: '請求者の個人番号（12桁）', bind: 'claimant.individualNumber', span: 4 },
          { id: 'pension', label: '加入している年金', bind: 'claimant.pension', span: 3 },
          { id: 'spouse', label: '配偶者氏名', bind: 'claimant.spouse', span: 4 },
        ],
      },
      newAddress('請求者の住所'),
      previousAddress(),
      {
        heading: '児童',
        table: {
          rows: 4,
          rowHeight: 34,
          columns: personColumns([
            { id: 'rel', label: '請求者との続柄', bind: 'member.relationshipToClaimant', width: 1.6, align: 'center' },
            { id: 'together', label: '同居・別居', bind: 'literal:同居', width: 1.2, align: 'center' },
          ]),
        },
      },
      signature(SIGN_CLAIM, '請求者署名', '※振込口座（通帳を確認し職員が記入）'),
    ],
  },
  {
    id: 'jidou-teate-jusho',
    procedure: 'jidou-teate',
    title: '児童手当 住所変更届',
    subtitle: '市内で転居した受給者の方',
    kind: 'flat',
    blocks: [
      dates,
      {
        heading: '受給者',
        fields: [
          { id: 'claimantName', label: '受給者氏名', bind: 'claimant.name', span: 6, size: 12 },
          { id: 'claimantKana', label: 'フリガナ', bind: 'claimant.kana', span: 6 },
        ],
      },
      newAddress(),
      previousAddress(),
      {
        heading: '児童',
        table: {
          rows: 4,
          rowHeight: 34,
          columns: personColumns([
            { id: 'rel', label: '受給者との続柄', bind: 'member.relationshipToClaimant', width: 1.6, align: 'center' },
          ]),
        },
      },
      signature(printedName('claimant.name'), '受給者署名', '※受給者番号（職員記入）'),
    ],
  },
  {
    id: 'jidou-teate-shometsu',
    procedure: 'jidou-teate',
    title: '児童手当 受給事由消滅届',
    subtitle: '市外へ転出する受給者の方（転出する日までに。転出先で新たに認定請求をしてください）',
    kind: 'flat',
    blocks: [
      endingCauseAndDates('消滅の事由'),
      {
        heading: '受給者',
        fields: [
          { id: 'claimantName', label: '受給者氏名', bind: 'claimant.name', span: 4, size: 12 },
          { id: 'claimantKana', label: 'フリガナ', bind: 'claimant.kana', span: 4 },
          { id: 'claimantBirth', label: '生年月日', bind: 'claimant.birthDate', span: 4 },
        ],
      },
      newAddress(),
      previousAddress(),
      {
        heading: '支給の対象だった児童',
        table: {
          rows: 4,
          rowHeight: 34,
          columns: personColumns([
            { id: 'rel', label: '受給者との続柄', bind: 'member.relationshipToClaimant', width: 1.6, align: 'center' },
          ]),
        },
      },
      signature(printedName('claimant.name'), '受給者署名', '※受給者番号（職員記入）'),
    ],
  },
  {
    id: 'kodomo-iryo',
    procedure: 'kodomo-iryo',
    title: '子ども医療費助成 申請・住所変更届',
    subtitle: '高校3年生相当までのお子さん',
    kind: 'flat',
    blocks: [
      // 新規申請 (転入) or 住所変更 (転居): the kind the rules chose.
      procedureKindAndDates,
      {
        heading: '保護者',
        fields: [
          { id: 'guardianName', label: '保護者氏名', bind: 'guardian.name', span: 6, size: 12 },
          { id: 'guardianKana', label: 'フリガナ', bind: 'guardian.kana', span: 6 },
        ],
      },
      {
        fields: [
          { id: 'insurance', label: 'お子さんの健康保険（種類・保険者名）', bind: 'healthInsurance', span: 7, multiline: true },
          { id: 'supporter', label: '生計維持者（主に生計を支える方）', bind: 'supporter.name', span: 5 },
        ],
      },
      newAddress(),
      previousAddress(),
      {
        heading: '対象のお子さん',
        table: {
          rows: 4,
          rowHeight: 34,
          columns: personColumns([{ id: 'grade', label: '学年', bind: 'member.schoolGrade', width: 1.6, align: 'center' }]),
        },
      },
      signature(printedName('guardian.name'), '保護者署名', '※受給者証番号（職員記入）'),
    ],
  },
  {
    id: 'kodomo-iryo-soshitsu',
    procedure: 'kodomo-iryo',
    title: '子ども医療費受給資格 喪失届',
    subtitle: '市外へ転出するお子さん（転出する日までに。受給者証を添えて返却してください）',
    kind: 'flat',
    blocks: [
      endingCauseAndDates('喪失の事由'),
      {
        heading: '保護者',
        fields: [
          { id: 'guardianName', label: '保護者氏名', bind: 'guardian.name', span: 6, size: 12 },
          { id: 'guardianKana', label: 'フリガナ', bind: 'guardian.kana', span: 6 },
        ],
      },
      newAddress(),
      previousAddress(),
      {
        heading: '受給資格がなくなるお子さん',
        table: {
          rows: 4,
          rowHeight: 34,
          columns: personColumns([
            { id: 'grade', label: '学年', bind: 'member.schoolGrade', width: 1.6, align: 'center' },
            { id: 'returned', label: '受給者証返却（職員）', handwrite: 'office', width: 2.2 },
          ]),
        },
      },
      signature(printedName('guardian.name'), '保護者署名', '※受給者証番号（職員記入）'),
    ],
  },
  {
    id: 'inkan-toroku',
    procedure: 'inkan-toroku',
    title: '印鑑登録申請書',
    subtitle: '１５歳以上の方（本人確認書類をお持ちの方は即日登録）　登録する方１人につき１枚',
    kind: 'flat',
    // This form prints every digit full-width: its dates, phone number, postal code and address.
    digits: 'full',
    blocks: [
      {
        fields: [
          { id: 'notificationDate', label: '申請日', bind: 'notificationDate', span: 4 },
          { id: 'moveDate', label: '住所を定めた日', bind: 'move.date', span: 4 },
          { id: 'phone', label: '電話番号（日中の連絡先）', bind: 'phone', span: 4 },
        ],
      },
      newAddress('住所', 'own-box'),
      { fields: [newBuilding()] },
      {
        // One applicant per sheet (each signs their own application); the seal box holds a 25 mm
        // seal (≥ 70.9 pt inside its dashed frame) and nothing is printed in it: the label is above.
        heading: '登録する方',
        table: {
          rows: 1,
          rowHeight: 96,
          columns: [
            // Widths: a full-width 和暦 birth date (平成１２年１２月２５日) stays ≥ 8 pt, the seal box holds 25 mm.
            { id: 'kana', label: 'フリガナ', bind: 'member.kana', width: 2.7 },
            { id: 'name', label: '氏名', bind: 'member.name', width: 2.7, size: 12 },
            { id: 'birth', label: '生年月日', bind: 'member.birthDate', width: 2.9 },
            { id: 'sex', label: '性別', bind: 'member.sex', width: 0.7, align: 'center' },
            // A foreign resident may register a seal in the 通称 on their 住民票 (empty for the others).
            { id: 'commonName', label: '通称（外国人住民）', bind: 'member.commonName', width: 2.2, multiline: true },
            { id: 'seal', label: '登録する印鑑（枠内に押印）', handwrite: 'seal', width: 2.9 },
          ],
        },
      },
      signature(SIGN_SEAL_REGISTRATION, '登録する方（申請者）の署名', '※登録番号（職員記入）'),
    ],
  },
  {
    id: 'shugaku',
    procedure: 'shugaku',
    title: '就学（転校）届',
    subtitle: '在学証明書と教科用図書給与証明書を添えて',
    kind: 'flat',
    blocks: [
      dates,
      {
        heading: '保護者',
        fields: [
          { id: 'guardianName', label: '保護者氏名', bind: 'guardian.name', span: 6, size: 12 },
          { id: 'guardianKana', label: 'フリガナ', bind: 'guardian.kana', span: 6 },
        ],
      },
      // This form asks for the new address in parts (通学区域 is decided by town and block).
      {
        heading: '新しい住所',
        fields: [
          { id: 'newPostal', label: '郵便番号', bind: 'newAddress.postalDigits', span: 3, comb: 7, size: 11 },
          { id: 'newPrefecture', label: '都道府県', bind: 'newAddress.prefecture', span: 2 },
          { id: 'newCity', label: '市区町村', bind: 'newAddress.city', span: 3 },
          { id: 'newTown', label: '町名・字', bind: 'newAddress.town', span: 4 },
        ],
      },
      {
        fields: [{ id: 'newBlock', label: '丁目・番地・号', bind: 'newAddress.block', span: 4 }, newBuilding(8, 44)],
      },
      previousAddress(),
      {
        heading: '児童・生徒',
        table: {
          rows: 3,
          rowHeight: 34,
          columns: personColumns([
            { id: 'grade', label: '学年', bind: 'member.schoolGrade', width: 1.6, align: 'center' },
            { id: 'previousSchool', label: '前在籍校', bind: 'member.previousSchool', width: 2.4, multiline: true },
            { id: 'school', label: '指定校', handwrite: 'office', width: 2 },
          ]),
        },
      },
      signature(printedName('guardian.name'), '保護者署名', '※指定校（職員記入）'),
    ],
  },
];
