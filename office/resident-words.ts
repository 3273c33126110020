// What the office's resident-facing pages say, in every language the counter's resident screen
// speaks (domain/language.ts): one number's status (the JSON words and /status/A-012), the 受付票
// the reception page prints, and the published waiting status (/status). Each phrase is defined
// here once; the pages' scripts receive these tables as JSON. Japanese is the reference; やさしい
// 日本語 (ja-Hira) is plain hiragana with spaces between phrases; Vietnamese addresses the resident
// as quý khách, as the rest of the app does. Placeholders: {counter} the window, {n} a count,
// {low}/{high} minutes, {time} a clock time, {seconds} a wait in seconds.
import type { TicketPhase } from '../domain/office.ts';
import { residentLanguage, type ResidentLanguage } from '../domain/language.ts';

export type Words = Readonly<Record<ResidentLanguage, string>>;

/** The order the pages show them in: Japanese first, then やさしい日本語, English, and the others. */
export const PAGE_LANGUAGES: readonly ResidentLanguage[] = residentLanguage.options;

/** Each language's own name, above its block, so a resident finds theirs at a glance. */
export const LANGUAGE_NAMES: Words = {
  ja: '日本語',
  'ja-Hira': 'やさしい にほんご',
  en: 'English',
  'zh-Hans': '中文',
  ko: '한국어',
  vi: 'Tiếng Việt',
};

/** What each phase says. `{counter}` is the window, in the same language (windowName). */
export const PHASE_WORDS: Readonly<Record<TicketPhase, Words>> = {
  waiting: {
    ja: '受付済みです。番号をお呼びするまでお待ちください。',
    'ja-Hira': 'うけつけ しました。ばんごうを よぶまで まって ください。',
    en: 'You are checked in. Please wait until your number is called.',
    'zh-Hans': '已为您办理受理。叫到您的号码之前，请稍候。',
    ko: '접수되었습니다. 번호를 부를 때까지 기다려 주십시오.',
    vi: 'Quý khách đã được tiếp nhận. Xin vui lòng chờ đến khi số của quý khách được gọi.',
  },
  called: {
    ja: '窓口でお呼びしています。{counter}へお越しください。',
    'ja-Hira': 'いま よんで います。{counter}へ きて ください。',
    en: 'Your number is being called. Please go to {counter}.',
    'zh-Hans': '正在叫您的号码。请前往{counter}。',
    ko: '지금 번호를 부르고 있습니다. {counter}로 와 주십시오.',
    vi: 'Số của quý khách đang được gọi. Xin mời quý khách đến {counter}.',
  },
  processing: {
    ja: '手続き中です。交付の準備ができましたら、番号でお呼びします。待合でお待ちください。',
    'ja-Hira': 'てつづきを して います。できたら ばんごうで よびます。まって ください。',
    en: 'Your procedure is being processed. We will call your number when your documents are ready.',
    'zh-Hans': '正在为您办理手续。文件准备好后，我们会叫您的号码。请在等候区稍候。',
    ko: '수속을 진행하고 있습니다. 서류가 준비되면 번호로 불러 드리겠습니다. 대기석에서 기다려 주십시오.',
    vi: 'Hồ sơ của quý khách đang được xử lý. Khi giấy tờ sẵn sàng, chúng tôi sẽ gọi số của quý khách. Xin vui lòng chờ ở khu vực chờ.',
  },
  ready: {
    ja: '交付の準備ができました。番号をお呼びするまで、もう少しお待ちください。',
    'ja-Hira': 'しょるいが できました。ばんごうを よぶまで まって ください。',
    en: 'Your documents are ready. Please wait a little until your number is called.',
    'zh-Hans': '您的文件已准备好。叫到您的号码之前，请再稍候片刻。',
    ko: '서류가 준비되었습니다. 번호를 부를 때까지 조금만 더 기다려 주십시오.',
    vi: 'Giấy tờ của quý khách đã sẵn sàng. Xin vui lòng chờ thêm một chút đến khi số của quý khách được gọi.',
  },
  'delivery-called': {
    ja: '交付の準備ができました。{counter}へお越しください。',
    'ja-Hira': 'しょるいが できました。{counter}へ きて ください。',
    en: 'Your documents are ready. Please go to {counter} to collect them.',
    'zh-Hans': '您的文件已准备好。请前往{counter}领取。',
    ko: '서류가 준비되었습니다. {counter}로 오셔서 받아 가십시오.',
    vi: 'Giấy tờ của quý khách đã sẵn sàng. Xin mời quý khách đến {counter} để nhận.',
  },
  completed: {
    ja: '手続きはすべて終わりました。ありがとうございました。',
    'ja-Hira': 'てつづきは おわりました。ありがとう ございました。',
    en: 'Everything is done. Thank you.',
    'zh-Hans': '所有手续均已办完。谢谢您。',
    ko: '모든 수속이 끝났습니다. 감사합니다.',
    vi: 'Mọi thủ tục đã hoàn tất. Xin cảm ơn quý khách.',
  },
  'no-show': {
    ja: 'お呼びしましたが、いらっしゃいませんでした。受付にお声がけください。',
    'ja-Hira': 'よびましたが いませんでした。うけつけに こえを かけて ください。',
    en: 'We called your number but you were not there. Please speak to the reception desk.',
    'zh-Hans': '我们叫了您的号码，但您不在。请到受理处告知工作人员。',
    ko: '번호를 불렀지만 계시지 않았습니다. 접수처에 말씀해 주십시오.',
    vi: 'Chúng tôi đã gọi số của quý khách nhưng quý khách không có mặt. Xin vui lòng báo với quầy tiếp nhận.',
  },
};

/** A window by its id, in each language: a number (3 → 3番窓口), or a name (窓口 B). */
const WINDOW_NUMBERED: Words = {
  ja: '{n}番窓口',
  'ja-Hira': '{n}番窓口',
  en: 'counter {n}',
  'zh-Hans': '{n}号窗口',
  ko: '{n}번 창구',
  vi: 'quầy số {n}',
};
const WINDOW_NAMED: Words = {
  ja: '窓口 {n}',
  'ja-Hira': '窓口 {n}',
  en: 'counter {n}',
  'zh-Hans': '{n} 窗口',
  ko: '{n} 창구',
  vi: 'quầy {n}',
};

export function windowName(counter: string, language: ResidentLanguage): string {
  return (/^[0-9]+$/.test(counter) ? WINDOW_NUMBERED : WINDOW_NAMED)[language].replace('{n}', counter);
}

/** One phase's words in every language, the window filled in. */
export function phaseWords(phase: TicketPhase, counter: string): Record<ResidentLanguage, string> {
  const words = {} as Record<ResidentLanguage, string>;
  for (const language of PAGE_LANGUAGES) words[language] = PHASE_WORDS[phase][language].replace('{counter}', windowName(counter, language));
  return words;
}

/** The per-number status page (/status/A-012): what surrounds the phase's words. */
export interface TicketPageWords {
  title: string;
  /** While its number is called. */
  calling: string;
  aheadNone: string;
  aheadOne: string;
  aheadMany: string;
  waitRange: string;
  waitAbout: string;
  waitUnknown: string;
  invalidNumber: string;
  notFound: string;
  /** Over the per-address limit: `{seconds}` until the page reads again by itself. */
  tooMany: string;
  retrying: string;
}

export const TICKET_PAGE_WORDS: Readonly<Record<ResidentLanguage, TicketPageWords>> = {
  ja: {
    title: '受付番号の状況',
    calling: 'お呼びしています',
    aheadNone: '前にお待ちの方はいません。',
    aheadOne: '前に 1 人お待ちです。',
    aheadMany: '前に {n} 人お待ちです。',
    waitRange: '待ち時間の目安：あと約 {low}〜{high} 分',
    waitAbout: '待ち時間の目安：あと約 {low} 分',
    waitUnknown: '待ち時間の目安：まだ計れません',
    invalidNumber: '番号が正しくありません。受付票の番号をお確かめください。',
    notFound: 'この番号は本日の番号にありません。受付票の番号と日付をお確かめください。',
    tooMany: 'この接続からの確認が多すぎます。{seconds} 秒ほどで自動でもう一度表示します。',
    retrying: '更新できません（自動で再試行します）',
  },
  'ja-Hira': {
    title: 'ばんごうの いまの ようす',
    calling: 'いま よんで います',
    aheadNone: 'まえに まって いる ひとは いません。',
    aheadOne: 'まえに 1にん まって います。',
    aheadMany: 'まえに {n}にん まって います。',
    waitRange: 'あと {low}〜{high}ふん くらい まちます。',
    waitAbout: 'あと {low}ふん くらい まちます。',
    waitUnknown: 'まつ じかんは まだ わかりません。',
    invalidNumber: 'ばんごうが ちがいます。うけつけひょうの ばんごうを みて ください。',
    notFound: 'この ばんごうは きょうの ばんごうでは ありません。うけつけひょうを みて ください。',
    tooMany: 'みる かいすうが おおすぎます。{seconds}びょう まつと また でます。',
    retrying: 'いまは あたらしく できません。また やって みます。',
  },
  en: {
    title: 'Status of your number',
    calling: 'Calling you now',
    aheadNone: 'No one is waiting ahead of you.',
    aheadOne: '1 person is waiting ahead of you.',
    aheadMany: '{n} people are waiting ahead of you.',
    waitRange: 'Estimated wait: about {low}–{high} more minutes.',
    waitAbout: 'Estimated wait: about {low} more minutes.',
    waitUnknown: 'Estimated wait: not known yet.',
    invalidNumber: 'That is not a valid number. Check the number on your slip.',
    notFound: "This is not one of today's numbers. Check the number and the date on your slip.",
    tooMany: 'Too many look-ups from this connection. The page will show your number again in about {seconds} seconds.',
    retrying: 'Cannot update, retrying',
  },
  'zh-Hans': {
    title: '您的号码状态',
    calling: '正在叫您的号码',
    aheadNone: '您前面没有人在等候。',
    aheadOne: '您前面有 1 人在等候。',
    aheadMany: '您前面有 {n} 人在等候。',
    waitRange: '预计还需等候约 {low}–{high} 分钟。',
    waitAbout: '预计还需等候约 {low} 分钟。',
    waitUnknown: '暂时无法估计等候时间。',
    invalidNumber: '号码不正确。请确认受理单上的号码。',
    notFound: '这不是今天的号码。请确认受理单上的号码和日期。',
    tooMany: '查询次数过多。约 {seconds} 秒后页面将自动重新显示。',
    retrying: '暂时无法更新，正在重试。',
  },
  ko: {
    title: '번호 진행 상황',
    calling: '지금 부르고 있습니다',
    aheadNone: '앞에 기다리는 분이 없습니다.',
    aheadOne: '앞에 1명이 기다리고 있습니다.',
    aheadMany: '앞에 {n}명이 기다리고 있습니다.',
    waitRange: '예상 대기 시간은 약 {low}~{high}분입니다.',
    waitAbout: '예상 대기 시간은 약 {low}분입니다.',
    waitUnknown: '예상 대기 시간은 아직 알 수 없습니다.',
    invalidNumber: '번호가 올바르지 않습니다. 접수표의 번호를 확인해 주십시오.',
    notFound: '오늘의 번호가 아닙니다. 접수표의 번호와 날짜를 확인해 주십시오.',
    tooMany: '조회가 너무 많습니다. 약 {seconds}초 후에 자동으로 다시 표시됩니다.',
    retrying: '지금은 새로 고칠 수 없습니다. 다시 시도하고 있습니다.',
  },
  vi: {
    title: 'Tình trạng số của quý khách',
    calling: 'Đang gọi số của quý khách',
    aheadNone: 'Không có ai đang chờ trước quý khách.',
    aheadOne: 'Có 1 người đang chờ trước quý khách.',
    aheadMany: 'Có {n} người đang chờ trước quý khách.',
    waitRange: 'Thời gian chờ dự kiến: khoảng {low}–{high} phút nữa.',
    waitAbout: 'Thời gian chờ dự kiến: khoảng {low} phút nữa.',
    waitUnknown: 'Chưa ước tính được thời gian chờ.',
    invalidNumber: 'Số không hợp lệ. Xin quý khách kiểm tra lại số trên phiếu tiếp nhận.',
    notFound: 'Đây không phải là số của hôm nay. Xin quý khách kiểm tra lại số và ngày trên phiếu tiếp nhận.',
    tooMany: 'Quý khách đã tra cứu quá nhiều lần. Trang sẽ tự hiển thị lại sau khoảng {seconds} giây.',
    retrying: 'Chưa cập nhật được, đang thử lại.',
  },
};

/** The 受付票 the reception page prints. */
export interface SlipWords {
  title: string;
  display: string;
  qr: string;
}

export const SLIP_WORDS: Readonly<Record<ResidentLanguage, SlipWords>> = {
  ja: {
    title: '受付票',
    display: '番号は呼出表示板でお知らせします。',
    qr: 'この QR コードで、番号の状況をスマートフォンで見られます。',
  },
  'ja-Hira': {
    title: 'うけつけひょう',
    display: 'ばんごうは まちあいの おおきな がめんに でます。',
    qr: 'スマートフォンで QR コードを よむと、ばんごうの ようすが わかります。',
  },
  en: {
    title: 'Reception slip',
    display: 'Your number will be shown on the hall display.',
    qr: 'Scan to follow your number on your phone.',
  },
  'zh-Hans': {
    title: '受理单',
    display: '您的号码将显示在叫号屏上。',
    qr: '用手机扫描二维码，可查看号码的状态。',
  },
  ko: {
    title: '접수표',
    display: '번호는 호출 표시판에 표시됩니다.',
    qr: 'QR 코드를 스마트폰으로 읽으면 번호의 진행 상황을 볼 수 있습니다.',
  },
  vi: {
    title: 'Phiếu tiếp nhận',
    display: 'Số của quý khách sẽ hiện trên bảng gọi số.',
    qr: 'Quét mã QR bằng điện thoại để theo dõi số của quý khách.',
  },
};

/** The published waiting status (/status): its title and column headings. */
export interface StatusPageWords {
  title: string;
  procedure: string;
  waiting: string;
  calling: string;
  estimate: string;
}

export const STATUS_PAGE_WORDS: Readonly<Record<ResidentLanguage, StatusPageWords>> = {
  ja: { title: '窓口の待ち状況', procedure: '手続き', waiting: '待ち人数', calling: '呼出中の番号', estimate: '待ち時間の目安' },
  'ja-Hira': {
    title: 'まどぐちの まちじかん',
    procedure: 'てつづき',
    waiting: 'まつ ひと',
    calling: 'よんで いる ばんごう',
    estimate: 'まつ じかん',
  },
  en: { title: 'Waiting status', procedure: 'Procedure', waiting: 'Waiting', calling: 'Now calling', estimate: 'Estimated wait' },
  'zh-Hans': { title: '窗口等候状况', procedure: '手续', waiting: '等候人数', calling: '正在叫号', estimate: '预计等候时间' },
  ko: { title: '창구 대기 현황', procedure: '업무', waiting: '대기 인원', calling: '호출 중인 번호', estimate: '예상 대기 시간' },
  vi: {
    title: 'Tình trạng chờ tại quầy',
    procedure: 'Thủ tục',
    waiting: 'Số người chờ',
    calling: 'Số đang gọi',
    estimate: 'Thời gian chờ dự kiến',
  },
};

/**
 * Each language in a face that has all its letters (as the counter's resident screen does): BIZ UD
 * for Japanese and English, a face with Vietnamese letters (BIZ UD lacks ể ư ờ, which would fall
 * back mid-word), the CJK faces for Korean and Simplified Chinese; Korean wraps between words (keep-all), not inside one.
 */
export const LANGUAGE_FONTS_CSS = `
  :lang(vi) { font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
  :lang(ko) { font-family: "Malgun Gothic", "Noto Sans CJK KR", "NanumGothic", sans-serif; word-break: keep-all; }
  :lang(zh-Hans) { font-family: "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
`;

/** HTML-escaped text for the pages built at start (the tables above hold no markup). */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
