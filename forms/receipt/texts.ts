// The 受付票（控え）'s wording in each resident language. Procedure names stay in Japanese on every
// receipt (the resident shows them at other counters); everything else is in the chosen language.
import type { ResidentLanguage } from '../../domain/language.ts';

export type FollowUpId =
  'school-tennyu' | 'school-tenshutsu' | 'new-municipality' | 'national-pension' | 'driving-licence' | 'vehicle' | 'employer';
export type ByPostId = 'kokuho-ido' | 'kaigo-hoken' | 'kouki-koureisha' | 'jidou-teate' | 'kodomo-iryo';

export interface ReceiptTexts {
  title: string;
  ticket: string;
  /** `{name}` is the household's family name. */
  addressee: string;
  waitAt: string;
  waitFor: string;
  /** `{low}`–`{high}` minutes. */
  waitRange: string;
  waitUnknown: string;
  called: string;
  handedIn: string;
  byPost: string;
  byPostItems: Record<ByPostId, string>;
  elsewhere: string;
  followUps: Record<FollowUpId, string>;
  issued: string;
  counter: string;
  keep: string;
  /** Beside the QR code of the number's status page. */
  statusQr: string;
}

export const RECEIPT_TEXTS: Record<ResidentLanguage, ReceiptTexts> = {
  ja: {
    title: '受付票（控え）',
    ticket: '受付番号',
    addressee: '{name} 様',
    waitAt: 'お待ちいただく場所',
    waitFor: '目安の待ち時間',
    waitRange: '約{low}〜{high}分（混み具合で前後します）',
    waitUnknown: '番号をお呼びするまでお待ちください',
    called: '番号は呼出表示板と放送でお知らせします。',
    handedIn: '提出した届出・申請',
    byPost: '後日、郵送で届くもの',
    byPostItems: {
      'kokuho-ido': '国民健康保険の資格確認書（保険証）',
      'kaigo-hoken': '介護保険の被保険者証',
      'kouki-koureisha': '後期高齢者医療の資格確認書（保険証）',
      'jidou-teate': '児童手当の認定通知書',
      'kodomo-iryo': '子ども医療費受給者証',
    },
    elsewhere: 'このあと、ほかの場所ですること',
    followUps: {
      'school-tennyu': '学校：新しい学校に「転入学通知書」と前の学校の「在学証明書」を持って行ってください（すぐに）。',
      'school-tenshutsu': '学校：今の学校に転校を伝え、「在学証明書」をもらってください。',
      'new-municipality': '新しい住所の市区町村役場で転入届をしてください（引っ越した日から14日以内）。',
      'national-pension':
        '国民年金：国民健康保険に加入する20歳から59歳の方は、区役所の国民年金窓口で国民年金の手続きをしてください（14日以内）。',
      'driving-licence': '運転免許証をお持ちの方：警察署か運転免許試験場で住所を変えてください（すぐに）。',
      vehicle: '自動車・バイクをお持ちの方：運輸支局などで住所の変更をしてください（15日以内）。',
      employer: '会社にお勤めの方：健康保険と厚生年金の住所変更を勤務先に伝えてください。',
    },
    issued: '発行',
    counter: '窓口',
    keep: 'この控えは手続きが終わるまでお持ちください。',
    statusQr: 'この QR コードをスマートフォンで読むと、番号の今の状況（待ち人数・呼出）が見られます。',
  },
  // やさしい日本語: printed, so the readings follow the kanji in （）.
  'ja-Hira': {
    title: 'うけつけひょう（ひかえ）',
    ticket: 'あなたの 番号（ばんごう）',
    addressee: '{name} さま',
    waitAt: 'まつ ところ',
    waitFor: 'まつ 時間（じかん）',
    waitRange: 'だいたい {low}〜{high} 分（ふん）（こんでいると ながく なります）',
    waitUnknown: '番号（ばんごう）を よぶまで まって ください',
    // Which screen: the hall's big one (a resident might look at the counter's own screen).
    called: '番号（ばんごう）は まちあいの 大（おお）きな 画面（がめん）に でます。放送（ほうそう）でも よびます。',
    handedIn: 'だした 書類（しょるい）',
    byPost: 'あとで 郵便（ゆうびん）で とどく もの',
    byPostItems: {
      'kokuho-ido': '国民健康保険（こくみんけんこうほけん）の 資格確認書（しかくかくにんしょ）',
      'kaigo-hoken': '介護保険（かいごほけん）の 保険証（ほけんしょう）',
      'kouki-koureisha': '後期高齢者医療（こうきこうれいしゃいりょう）の 資格確認書（しかくかくにんしょ）',
      'jidou-teate': '児童手当（じどうてあて）の 通知（つうち）',
      'kodomo-iryo': '子ども医療費（こどもいりょうひ）の 受給者証（じゅきゅうしゃしょう）',
    },
    elsewhere: 'このあと ほかの ところで する こと',
    followUps: {
      'school-tennyu':
        '学校（がっこう）：新（あたら）しい 学校（がっこう）に「転入学通知書（てんにゅうがくつうちしょ）」と「在学証明書（ざいがくしょうめいしょ）」を もって いって ください（すぐに）。',
      'school-tenshutsu':
        '学校（がっこう）：いまの 学校（がっこう）に 引（ひ）っ越（こ）しを つたえて、「在学証明書（ざいがくしょうめいしょ）」を もらって ください。',
      'new-municipality':
        '新（あたら）しい 町（まち）の 役所（やくしょ）で 転入届（てんにゅうとどけ）を して ください（引（ひ）っ越（こ）してから 14日（にち）の あいだに）。',
      'national-pension':
        '国民年金（こくみんねんきん）：国民健康保険（こくみんけんこうほけん）に 入（はい）る 20歳（さい）から 59歳（さい）の 人（ひと）は、区役所（くやくしょ）の 国民年金（こくみんねんきん）の 窓口（まどぐち）で 手続（てつづ）きを して ください（14日（にち）の あいだに）。',
      'driving-licence':
        '運転免許証（うんてんめんきょしょう）が ある 人（ひと）：警察署（けいさつしょ）で 住所（じゅうしょ）を かえて ください（すぐに）。',
      vehicle:
        '車（くるま）や バイクが ある 人（ひと）：運輸支局（うんゆしきょく）で 住所（じゅうしょ）を かえて ください（15日（にち）の あいだに）。',
      employer: '会社（かいしゃ）で はたらく 人（ひと）：会社（かいしゃ）に 新（あたら）しい 住所（じゅうしょ）を つたえて ください。',
    },
    issued: 'だした 日（ひ）',
    counter: '窓口（まどぐち）',
    keep: 'この 紙（かみ）は 手続（てつづ）きが おわるまで もって いて ください。',
    statusQr: 'スマートフォンで この QR コードを よむと、ばんごうが いま どう なって いるか わかります。',
  },
  en: {
    title: 'Receipt (keep this copy)',
    ticket: 'Your number',
    addressee: 'For: {name}',
    waitAt: 'Where to wait',
    waitFor: 'Estimated wait',
    waitRange: 'about {low}–{high} minutes (depends on how busy it is)',
    waitUnknown: 'Please wait until your number is called',
    called: 'Your number will be shown on the display and announced.',
    handedIn: 'Notifications and applications handed in',
    byPost: 'Will arrive later by post',
    byPostItems: {
      'kokuho-ido': 'National Health Insurance eligibility certificate (insurance card)',
      'kaigo-hoken': 'Long-term care insurance card',
      'kouki-koureisha': 'Late-stage elderly medical care eligibility certificate',
      'jidou-teate': 'Child allowance approval notice',
      'kodomo-iryo': 'Child medical expense subsidy card',
    },
    elsewhere: 'Still to do elsewhere',
    followUps: {
      'school-tennyu':
        'School: take the transfer notice (転入学通知書) and the certificate of enrolment from the old school to the new school (right away).',
      'school-tenshutsu': 'School: tell the current school about the transfer and get a certificate of enrolment (在学証明書).',
      'new-municipality': 'File the moving-in notice at the new city office (within 14 days of moving).',
      'national-pension':
        'National Pension (国民年金): anyone aged 20 to 59 joining National Health Insurance, please go to the National Pension counter of the ward office (within 14 days).',
      'driving-licence': "Driver's licence: change the address at a police station or licence centre (right away).",
      vehicle: 'Car or motorbike: change the registration address at the transport bureau (within 15 days).',
      employer: 'If you are employed: tell your employer the new address for health insurance and pension.',
    },
    issued: 'Issued',
    counter: 'Counter',
    keep: 'Please keep this copy until your business today is finished.',
    statusQr: 'Scan this QR code with your phone to see where your number is now (people ahead, when it is called).',
  },
  'zh-Hans': {
    title: '受理单（存根）',
    ticket: '受理号码',
    addressee: '{name} 先生／女士',
    waitAt: '等候地点',
    waitFor: '预计等候时间',
    waitRange: '约{low}～{high}分钟（视拥挤情况而定）',
    waitUnknown: '请等候叫号',
    called: '号码将在叫号屏上显示并广播。',
    handedIn: '已提交的申报・申请',
    byPost: '日后邮寄送达的文件',
    byPostItems: {
      'kokuho-ido': '国民健康保险 资格确认书（保险证）',
      'kaigo-hoken': '护理保险 被保险人证',
      'kouki-koureisha': '后期高龄者医疗 资格确认书',
      'jidou-teate': '儿童补贴 认定通知书',
      'kodomo-iryo': '儿童医疗费补助 受给者证',
    },
    elsewhere: '之后需要在其他地方办理的手续',
    followUps: {
      'school-tennyu': '学校：请将「转入学通知书」和原学校的「在学证明书」带到新学校（尽快）。',
      'school-tenshutsu': '学校：请告知现在的学校转学，并领取「在学证明书」。',
      'new-municipality': '请在新住址的市区町村政府办理转入申报（搬家之日起14天内）。',
      'national-pension': '国民年金：加入国民健康保险的20岁至59岁的人，请到区役所的国民年金窗口办理国民年金手续（14天内）。',
      'driving-licence': '持有驾照者：请到警察署或驾照考试场变更住址（尽快）。',
      vehicle: '持有汽车・摩托车者：请到运输支局等变更住址（15天内）。',
      employer: '公司职员：请告知工作单位健康保险和厚生年金的住址变更。',
    },
    issued: '发行',
    counter: '窗口',
    keep: '请保管本存根，直到手续办完。',
    statusQr: '用手机扫描此二维码，可查看您的号码现在的状态（前面等候人数、是否叫号）。',
  },
  ko: {
    title: '접수표(보관용)',
    ticket: '접수 번호',
    addressee: '{name} 님',
    waitAt: '기다리실 곳',
    waitFor: '예상 대기 시간',
    waitRange: '약 {low}~{high}분(혼잡 상황에 따라 달라집니다)',
    waitUnknown: '번호를 부를 때까지 기다려 주십시오',
    called: '번호는 호출 표시판과 안내 방송으로 알려 드립니다.',
    handedIn: '제출한 신고・신청',
    byPost: '나중에 우편으로 도착하는 것',
    byPostItems: {
      'kokuho-ido': '국민건강보험 자격확인서(보험증)',
      'kaigo-hoken': '개호보험 피보험자증',
      'kouki-koureisha': '후기고령자의료 자격확인서',
      'jidou-teate': '아동수당 인정통지서',
      'kodomo-iryo': '어린이 의료비 수급자증',
    },
    elsewhere: '이후 다른 곳에서 하실 일',
    followUps: {
      'school-tennyu': '학교: 새 학교에 「전입학통지서」와 이전 학교의 「재학증명서」를 가져가 주십시오(바로).',
      'school-tenshutsu': '학교: 지금 학교에 전학을 알리고 「재학증명서」를 받아 주십시오.',
      'new-municipality': '새 주소의 시구정촌 관청에서 전입신고를 해 주십시오(이사한 날부터 14일 이내).',
      'national-pension':
        '국민연금(国民年金): 국민건강보험에 가입하는 20세부터 59세까지의 분은 구청의 국민연금 창구에서 국민연금 수속을 해 주십시오(14일 이내).',
      'driving-licence': '운전면허증이 있는 분: 경찰서나 운전면허시험장에서 주소를 변경해 주십시오(바로).',
      vehicle: '자동차・오토바이가 있는 분: 운수지국 등에서 주소를 변경해 주십시오(15일 이내).',
      employer: '회사에 다니는 분: 건강보험과 후생연금의 주소 변경을 직장에 알려 주십시오.',
    },
    issued: '발행',
    counter: '창구',
    keep: '수속이 끝날 때까지 이 접수표를 가지고 계십시오.',
    statusQr: '스마트폰으로 이 QR 코드를 읽으면 번호의 현재 상황(대기 인원, 호출)을 볼 수 있습니다.',
  },
  vi: {
    title: 'Phiếu tiếp nhận (bản lưu)',
    ticket: 'Số tiếp nhận',
    addressee: 'Kính gửi: {name}',
    waitAt: 'Nơi chờ',
    waitFor: 'Thời gian chờ dự kiến',
    waitRange: 'khoảng {low}–{high} phút (tùy theo mức độ đông)',
    waitUnknown: 'Vui lòng chờ đến khi số của quý khách được gọi',
    called: 'Số của quý khách sẽ hiện trên bảng gọi số và được thông báo qua loa.',
    handedIn: 'Các tờ khai và đơn đã nộp',
    byPost: 'Sẽ được gửi qua bưu điện sau',
    byPostItems: {
      'kokuho-ido': 'Giấy xác nhận tư cách Bảo hiểm Y tế Quốc dân (thẻ bảo hiểm)',
      'kaigo-hoken': 'Thẻ người được bảo hiểm chăm sóc dài hạn',
      'kouki-koureisha': 'Giấy xác nhận tư cách Y tế người cao tuổi giai đoạn sau',
      'jidou-teate': 'Thông báo công nhận Trợ cấp nhi đồng',
      'kodomo-iryo': 'Thẻ trợ cấp chi phí y tế cho trẻ em',
    },
    elsewhere: 'Việc cần làm tiếp ở nơi khác',
    followUps: {
      'school-tennyu': 'Trường học: mang «Giấy thông báo chuyển trường» và «Giấy chứng nhận đang học» của trường cũ đến trường mới (ngay).',
      'school-tenshutsu': 'Trường học: báo cho trường hiện tại về việc chuyển trường và nhận «Giấy chứng nhận đang học».',
      'new-municipality': 'Làm thủ tục chuyển đến tại ủy ban nơi ở mới (trong vòng 14 ngày kể từ ngày chuyển).',
      'national-pension':
        'Lương hưu quốc dân (国民年金): người từ 20 đến 59 tuổi tham gia Bảo hiểm Y tế Quốc dân, vui lòng làm thủ tục tại quầy Lương hưu quốc dân của văn phòng quận (trong vòng 14 ngày).',
      'driving-licence': 'Người có bằng lái xe: đổi địa chỉ tại đồn cảnh sát hoặc trung tâm sát hạch lái xe (ngay).',
      vehicle: 'Người có ô tô, xe máy: đổi địa chỉ đăng ký tại Cục Vận tải (trong vòng 15 ngày).',
      employer: 'Người đi làm ở công ty: báo địa chỉ mới cho nơi làm việc để đổi bảo hiểm y tế và lương hưu.',
    },
    issued: 'Ngày cấp',
    counter: 'Quầy',
    keep: 'Vui lòng giữ phiếu này cho đến khi xong thủ tục.',
    statusQr: 'Quét mã QR này bằng điện thoại để xem tình trạng số của quý khách (số người chờ trước, khi nào được gọi).',
  },
};
