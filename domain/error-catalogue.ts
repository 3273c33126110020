// Every error code of the application with its default messages (Japanese first, English
// second), what staff should do next, and the CLI exit code. One table, so a code means the
// same on the staff console, the resident screen, the CLI and in the logs. Messages and
// details never contain resident data.

/** Details an error may carry: counts and status words, never personal data. */
export interface ErrorDetails {
  readonly retriesLeft?: number;
  /** Card status word (e.g. 0x6982) for card/card-error. */
  readonly sw?: number;
  /** The HTTP status an office service answered with (office/…): 400, 404, 409, 503. */
  readonly httpStatus?: number;
}

/** Exit codes of every CLI command: the same number means the same kind of failure everywhere. */
export const EXIT_CODES = {
  ok: 0,
  /** Something unexpected (sysexits' EX_SOFTWARE); the message never shows its text. */
  internal: 70,
  /** The command line or the input (file, stdin) is wrong: fix it and run again. */
  usage: 2,
  /** A device, service or location the command needs is not there (reader, pcscd, printer, output folder). */
  unavailable: 3,
  /** The thing asked for cannot be done to this card, request or job (not found, wrong state, bad data). */
  refused: 4,
  /** PIN or 照合番号B: wrong, blocked, or the last try not confirmed. */
  secret: 5,
  /** Deployment configuration, policy, form definitions or the database need IT staff. */
  configuration: 6,
  /** The encryption key is missing, unreadable or does not open the data. */
  keys: 7,
} as const;
type Exit = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

type Text = string | ((d: ErrorDetails) => string);

export interface CatalogueEntry {
  readonly ja: Text;
  readonly en: Text;
  readonly action: string;
  readonly exit: Exit;
}

const { usage, unavailable, refused, secret, configuration, keys, internal } = EXIT_CODES;

const left = (d: ErrorDetails): string => String(d.retriesLeft ?? '?');
const sw = (d: ErrorDetails): string => (d.sw === undefined ? '----' : d.sw.toString(16).toUpperCase().padStart(4, '0'));

const RETRY = 'もう一度操作してください。続く場合はシステム担当に連絡してください。';
const CALL_IT = 'システム担当に連絡してください。';
const QUEUE = '画面を更新して状態を確認してください。続く場合はシステム担当に連絡してください。';
const PRINTER = 'プリンターの電源・用紙・接続を確認してから、もう一度印刷してください。';
const FORMS_INPUT = '入力内容を確認してください。続く場合はシステム担当に連絡してください。';
const FORMS_SETUP = '様式の設定に問題があります。システム担当に連絡してください。受付は手書きの申請書で続けられます。';

export const ERROR_CATALOGUE = {
  // ---- card: the My Number card and its reader (devices/card) ------------------------------
  'card/no-service': {
    ja: 'カードリーダーのサービス（PC/SC: pcscd）が動いていません。係員にお知らせください。',
    en: 'The PC/SC service (pcscd) is not running.',
    action: 'システム担当に連絡してください（pcscd の起動）。それまでは照合番号Bも使えません。',
    exit: unavailable,
  },
  'card/reader-not-found': {
    ja: '指定されたカードリーダーが見つかりません。接続を確認してください。',
    en: 'The selected card reader was not found.',
    action: 'リーダーの接続を確認し、「カードを読む」を押し直してください。',
    exit: unavailable,
  },
  'card/no-card': {
    ja: 'カードリーダーにカードが置かれていません。',
    en: 'No card in the reader.',
    action: 'カードをリーダーに置いてから「カードを読む」を押してください。',
    exit: unavailable,
  },
  'card/not-mynumber-card': {
    ja: 'マイナンバーカードではありません（券面事項入力補助APが見つかりません）。',
    en: 'Not a My Number card (the card info input support application was not found).',
    action: 'マイナンバーカードかどうか確認してください。違う場合は手入力で世帯員を追加してください。',
    exit: refused,
  },
  'card/pin-format': {
    ja: '暗証番号は数字4桁で入力してください。',
    en: 'The PIN must be exactly 4 digits.',
    action: '住民の方に数字4桁を入力していただいてください。',
    exit: secret,
  },
  'card/pin-wrong': {
    ja: (d) => `暗証番号が違います。あと${left(d)}回間違えるとロックされます。`,
    en: (d) => `Wrong PIN. ${left(d)} tries left before the PIN is blocked.`,
    action: '住民の方にもう一度入力していただいてください。',
    exit: secret,
  },
  'card/pin-last-try': {
    ja: '暗証番号の残り回数が1回です。間違えるとロックされます。確認のうえ、もう一度操作してください。',
    en: 'Only one PIN try is left; the PIN was not sent. Confirm explicitly to use the last try.',
    action: '住民の方に、間違えるとロックされることを伝え、確認してから入力していただいてください。',
    exit: secret,
  },
  'card/pin-blocked': {
    ja: '暗証番号がロックされています。区役所のマイナンバーカード窓口で暗証番号の再設定ができます。',
    en: "The PIN is blocked. It can be reset at the ward office's My Number card counter.",
    action: '照合番号Bで読み取るか、マイナンバーカード窓口での暗証番号の再設定をご案内ください。',
    exit: secret,
  },
  'card/code-b-format': {
    ja: '照合番号Bは数字14桁です（生年月日6桁（和暦）＋有効期限の西暦4桁＋セキュリティコード4桁）。',
    en: 'Verification code B is 14 digits (era birth date YYMMDD + expiry year + 4-digit security code).',
    action: 'カード表面の生年月日6桁・有効期限の西暦4桁・セキュリティコード4桁を入力してください。',
    exit: secret,
  },
  'card/code-b-wrong': {
    ja: (d) => `照合番号Bが違います。カードの券面を確認してください（残り${left(d)}回）。`,
    en: (d) => `Wrong verification code B. ${left(d)} tries left.`,
    action: 'カード表面の生年月日・有効期限・セキュリティコードを確認し、入力し直してください。',
    exit: secret,
  },
  'card/code-b-last-try': {
    ja: '照合番号Bの残り回数が1回です。間違えるとロックされます。確認のうえ、もう一度操作してください。',
    en: 'Only one try of verification code B is left; it was not sent. Confirm explicitly to use it.',
    action: 'カード表面の番号をもう一度確かめてから入力してください。',
    exit: secret,
  },
  'card/code-b-blocked': {
    ja: '照合番号Bがロックされています。区役所のマイナンバーカード窓口にご相談ください。',
    en: "Verification code B is blocked. Ask at the ward office's My Number card counter.",
    action: 'マイナンバーカード窓口にご案内ください。世帯員は手入力でも追加できます。',
    exit: secret,
  },
  'card/number-needs-pin': {
    ja: '個人番号は暗証番号（数字4桁）でのみ読み取れます。照合番号Bでは読み取れません。',
    en: 'The individual number can only be read with the 4-digit PIN, not with verification code B.',
    action: '個人番号が必要な手続きでは、住民の方に暗証番号を入力していただいてください。',
    exit: configuration,
  },
  'card/number-forbidden': {
    ja: 'この窓口の設定では個人番号を読み取れません。',
    en: 'Reading the individual number is not allowed in this deployment.',
    action: '個人番号が必要な場合はシステム担当に設定を確認してください。',
    exit: configuration,
  },
  'card/number-invalid': {
    ja: 'カードの個人番号のチェックデジットが一致しません。',
    en: "The card's individual number failed the check-digit test.",
    action: 'マイナンバーカード窓口にご案内ください。',
    exit: refused,
  },
  'card/card-removed': {
    ja: '読み取り中にカードが取り外されました。カードを置き直してください（暗証番号の残り回数は減っていません）。',
    en: 'The card was removed during the read. Put it back and try again.',
    action: 'カードを置き直して「カードを読む」を押してください。暗証番号の残り回数は減っていません。',
    exit: refused,
  },
  'card/reader-removed': {
    ja: '読み取り中にカードリーダーが取り外されました。係員にお知らせください。',
    en: 'The card reader was removed during the read.',
    action: 'リーダーを接続し直してから「カードを読む」を押してください。',
    exit: unavailable,
  },
  'card/reader-busy': {
    ja: '他のプログラムがカードを使用中です。しばらくしてからもう一度お試しください。',
    en: 'Another program is using the card (sharing violation).',
    action: '他のアプリを閉じてから、もう一度「カードを読む」を押してください。',
    exit: unavailable,
  },
  'card/malformed-data': {
    ja: 'カードのデータ形式が正しくないため読み取れませんでした。',
    en: 'The card returned malformed data.',
    action: 'もう一度読んでください。続く場合は手入力で世帯員を追加してください。',
    exit: refused,
  },
  'card/card-error': {
    ja: (d) => `カードがエラーを返しました（SW ${sw(d)}）。`,
    en: (d) => `The card returned an error (SW ${sw(d)}).`,
    action: RETRY,
    exit: refused,
  },
  'card/communication-error': {
    ja: 'カードとの通信に失敗しました。カードを置き直してください。',
    en: 'Communication with the card failed.',
    action: 'カードを置き直してもう一度読んでください。',
    exit: refused,
  },
  'card/config-invalid': {
    ja: '窓口の設定ファイル（KIOSK_CONFIG）の内容が正しくありません。',
    en: 'The deployment configuration (KIOSK_CONFIG) is invalid.',
    action: CALL_IT,
    exit: configuration,
  },

  // ---- printer: CUPS and the exactly-once print jobs (devices/printer, main/printing) --------
  'printer/invalid-input': { ja: '印刷の指定が不正です。', en: 'Invalid print request.', action: PRINTER, exit: usage },
  'printer/spooler-unavailable': {
    ja: '印刷システム (CUPS) に接続できません。',
    en: 'Cannot reach the print spooler (CUPS).',
    action: 'システム担当に連絡してください（cupsd の起動）。印刷は保留され、再開後に自動で印刷されます。',
    exit: unavailable,
  },
  'printer/service-not-running': {
    ja: '印刷サービス（CUPS）が動いていません。印刷は保留され、サービスが動き出すと自動で印刷されます。',
    en: 'The print service (CUPS, cupsd) is not running; jobs are held and print once it runs again.',
    action: 'システム担当に連絡してください（印刷サービスの起動: systemctl start cups）。プリンター本体の故障ではありません。',
    exit: unavailable,
  },
  'printer/outcome-unknown': {
    ja: '印刷は送信されましたが、印刷システム (CUPS) が途中で止まったため、印刷されたか分かりません。プリンターを確認してください。',
    en: 'The job was sent, but the print service stopped and lost it: whether it printed is unknown. Check the printer.',
    action: 'プリンターの出力を確認し、「印刷された」か「印刷されていない」かを記録してください。印刷されていなければ再印刷できます。',
    exit: unavailable,
  },
  'printer/not-printed': {
    ja: '係員の確認で、印刷されていないことが分かりました。',
    en: 'Staff checked the printer: the job did not print.',
    action: '必要なら再印刷してください。',
    exit: unavailable,
  },
  'printer/outcome-known': {
    ja: 'この印刷ジョブの結果はすでに分かっています。',
    en: 'The outcome of this print job is already known.',
    action: QUEUE,
    exit: refused,
  },
  'printer/missing': { ja: 'プリンターが見つかりません。', en: 'The printer does not exist.', action: PRINTER, exit: unavailable },
  'printer/not-accepting': {
    ja: 'プリンターが受付を停止しています。',
    en: 'The printer is not accepting jobs.',
    action: PRINTER,
    exit: unavailable,
  },
  'printer/failed': { ja: '印刷を送信できませんでした。', en: 'The print job could not be sent.', action: PRINTER, exit: unavailable },
  'printer/job-lost': {
    ja: '印刷ジョブが印刷システム (CUPS) から消えました。印刷されたか確認してください。',
    en: 'The print spooler no longer knows the job; check whether it printed.',
    action: '印刷物を確認し、出ていなければ再印刷してください。',
    exit: unavailable,
  },
  'printer/aborted': {
    ja: '印刷システム (CUPS) が印刷ジョブを中止しました。',
    en: 'The print spooler aborted the job.',
    action: PRINTER,
    exit: unavailable,
  },
  'printer/not-configured': {
    ja: '帳票を印刷するプリンターが設定されていません。',
    en: 'No forms printer is configured: set printers.forms in the KIOSK_CONFIG file (or KIOSK_PRINTER) to a CUPS queue name (lpstat -p) and restart.',
    action:
      'システム担当: 窓口の設定ファイル（KIOSK_CONFIG）の printers.forms に CUPS のプリンター名（lpstat -p で確認）を書き、アプリを再起動してください（環境変数 KIOSK_PRINTER でも指定できます）。',
    exit: configuration,
  },
  'printer/pdf-queue-not-allowed': {
    ja: 'このプリンターは PDF ファイルに保存するキュー（CUPS-PDF）です。住民の個人情報が暗号化されずにディスクに残るため、デモ以外では印刷できません。',
    en: 'The printer is a CUPS-PDF queue (it writes every job to disk in plain text); only demo mode may print to it.',
    action:
      'システム担当: printers.forms（KIOSK_PRINTER）に実際のプリンターを設定してください。デモで使う場合だけ設定ファイルに "demo": true（または KIOSK_DEMO=1）を指定します。',
    exit: configuration,
  },
  'printer/spooler-keeps-copies': {
    ja: '印刷システム (CUPS) が印刷済みの帳票のコピーを保存しています（住民の個人情報が暗号化されずに残ります）。',
    en: 'CUPS keeps a copy of every printed form set in its spool (PreserveJobFiles): personal data outlives the retention purge.',
    action: 'システム担当: /etc/cups/cupsd.conf に PreserveJobFiles No を設定し、cupsd を再起動してください。印刷はこのまま続けられます。',
    exit: configuration,
  },
  'printer/unknown-job': { ja: '印刷ジョブが見つかりません。', en: 'Unknown print job.', action: QUEUE, exit: refused },
  'printer/file-missing': {
    ja: '印刷するファイルが見つかりません。',
    en: 'The file to print was not found.',
    action: PRINTER,
    exit: refused,
  },

  // ---- queue: requests, tickets, resident data (main/queue, main/crypto) ---------------------
  'queue/invalid-input': { ja: '入力が不正です。', en: 'Invalid input.', action: QUEUE, exit: usage },
  'queue/unknown-category': { ja: '手続きの区分が不明です。', en: 'Unknown procedure category.', action: QUEUE, exit: usage },
  'queue/forbidden-personal-field': {
    ja: '個人番号・暗証番号は保存できません。',
    en: 'The individual number or a PIN must never be stored.',
    action: '個人番号や暗証番号を入力しないでください。',
    exit: usage,
  },
  'queue/illegal-transition': {
    ja: 'その申請にはその操作を記録できません。',
    en: 'That event is not allowed in the request’s state.',
    action: QUEUE,
    exit: refused,
  },
  'queue/unknown-request': { ja: '申請が見つかりません。', en: 'Unknown request.', action: QUEUE, exit: refused },
  'queue/personal-data-purged': {
    ja: 'この申請の個人情報は保存期間を過ぎたため消去されています。',
    en: 'The personal data of this request has been erased (retention period over).',
    action: '住民の方に改めて確認してください。',
    exit: refused,
  },

  // ---- db: the counter's SQLite files (main/db) ---------------------------------------------
  'db/newer-schema': {
    ja: 'データベースはこのアプリより新しい版で作られています。アプリを更新してください。',
    en: 'The database was written by a newer version; update the app.',
    action: CALL_IT,
    exit: configuration,
  },
  'db/open-failed': { ja: 'データベースを開けません。', en: 'The database could not be opened.', action: CALL_IT, exit: configuration },
  'db/integrity': {
    ja: 'データベースの整合性検査に失敗しました。書き込みを止めています（一覧などの読み取りはできます）。',
    en: 'The database failed its integrity check; writes are refused (reads still work).',
    action:
      'システム担当に連絡してください（バックアップから復元し、`kiosk queue check` が OK になると書き込みを再開できます）。受付は手書きの申請書で続けられます。',
    exit: configuration,
  },
  'db/busy': {
    ja: '他のプログラムがデータベースに書き込み中で、5秒待っても終わりません。',
    en: 'Another process has held the database write lock for over 5 seconds.',
    action:
      'しばらく待ってからもう一度操作してください。続く場合は、同じデータベースを使う他のアプリやコマンドを終了するようシステム担当に連絡してください。',
    exit: unavailable,
  },
  'db/disk-full': {
    ja: 'ディスクの空き容量がないため、データベースに書き込めません。',
    en: 'The disk is full: the database cannot be written.',
    action:
      'システム担当に連絡して空き容量を確保してください。それまでの受付は手書きの申請書で続けられます（記録済みの申請は失われていません）。',
    exit: unavailable,
  },
  'db/read-only': {
    ja: 'データベースのファイルが読み取り専用のため、書き込めません（一覧・統計は表示できます）。',
    en: 'The database file is read-only: reads work, writes are refused.',
    action: 'システム担当に連絡してください（ファイルとフォルダーの書き込み権限、読み取り専用でマウントされていないか）。',
    exit: configuration,
  },
  'db/corrupt': {
    ja: 'データベースのファイルが壊れています（先頭部分が欠けているか上書きされています）。',
    en: 'The database file is corrupt (its header is cut off or overwritten).',
    action: 'システム担当に連絡し、バックアップから復元してください。受付は手書きの申請書で続けられます。',
    exit: configuration,
  },
  'db/behind-ticket-mark': {
    ja: 'データベースが、記録された番号札の発行状況より古い状態です。同じ番号札を二度発行しないよう起動を中止しました。',
    en: 'The database is older than the recorded ticket high-water mark; not started, so no ticket number is issued twice.',
    action:
      'システム担当に連絡してください。データベースが空になったか古い複製に置き換えられています。バックアップから復元してください（新しいデータベースで始める場合の手順は docs/operations.md）。',
    exit: configuration,
  },
  'db/key-mismatch': {
    ja: '暗号鍵がこのデータベースの個人情報を開けません（鍵ファイルがないか、別の鍵です）。新しい鍵は作りませんでした。',
    en: 'The master key does not open the sealed data in this database (missing or a different key); no new key was made.',
    action: 'システム担当に連絡し、このデータベースの鍵ファイル（master.key）をバックアップから戻してください。',
    exit: keys,
  },

  // ---- keys: the master key and per-request keys (main/crypto) -------------------------------
  'keys/unavailable': { ja: '暗号鍵を読み込めません。', en: 'The master key is unavailable.', action: CALL_IT, exit: keys },
  'keys/file-permissions': {
    ja: '鍵ファイルの権限が広すぎます（所有者のみ読み書き可にしてください）。',
    en: 'The key file is readable by others (chmod 600).',
    action: CALL_IT,
    exit: keys,
  },
  'keys/decrypt-failed': { ja: '個人情報を復号できません。', en: 'Resident data could not be decrypted.', action: CALL_IT, exit: keys },

  // ---- forms: household model, rules, definitions, PDF (forms/) -----------------------------
  'forms/household-not-found': {
    ja: '世帯ファイルが見つかりません。',
    en: 'Household file not found.',
    action: 'ファイル名を確認してください。',
    exit: refused,
  },
  'forms/household-not-json': {
    ja: '世帯ファイルがJSONとして読めません。',
    en: 'The household file is not valid JSON.',
    action: 'ファイルの内容を確認してください。',
    exit: usage,
  },
  'forms/household-invalid': {
    ja: '世帯データに誤りがあります。',
    en: 'Invalid household data.',
    action: '該当する項目（世帯員・異動内容）を直してから、もう一度操作してください。',
    exit: usage,
  },
  'forms/bad-date': {
    ja: '日付の形式が正しくありません（YYYY-MM-DD）。',
    en: 'Not a date (YYYY-MM-DD).',
    action: FORMS_INPUT,
    exit: usage,
  },
  'forms/unknown-procedure': { ja: '手続きが見つかりません。', en: 'Unknown procedure.', action: FORMS_INPUT, exit: usage },
  'forms/override-reason-required': {
    ja: '職員による追加・除外には理由が必要です。',
    en: 'A staff override needs a reason.',
    action: '理由を入力してください。',
    exit: usage,
  },
  'forms/no-form-for-move': {
    ja: 'この異動の種類に使う様式がありません。',
    en: 'No form for this move type.',
    action: FORMS_INPUT,
    exit: refused,
  },
  'forms/bad-reference': {
    ja: '受付番号は英数字とハイフンのみです。',
    en: 'The reference must be letters, digits and hyphens.',
    action: FORMS_INPUT,
    exit: usage,
  },
  'forms/output-failed': {
    ja: '出力先に書き込めません。',
    en: 'Cannot write the output directory.',
    action: '出力先のフォルダと空き容量を確認してください。',
    exit: unavailable,
  },
  'forms/pdf-not-found': {
    ja: 'PDFファイルが見つかりません。',
    en: 'PDF file not found.',
    action: 'ファイル名を確認してください。',
    exit: refused,
  },
  'forms/pdf-unreadable': {
    ja: 'PDFとして読めません。',
    en: 'The file cannot be read as a PDF.',
    action: '自治体から受け取ったPDFそのものか確認してください（パスワード付きや画像のみのファイルは使えません）。',
    exit: usage,
  },
  'forms/definition-not-found': {
    ja: '様式定義ファイルが見つかりません。',
    en: 'Form definition file not found.',
    action: 'ファイル名を確認してください。',
    exit: refused,
  },
  'forms/bad-definition': { ja: '様式定義が不正です。', en: 'Invalid form definition.', action: FORMS_SETUP, exit: configuration },
  'forms/definition-missing': { ja: '様式定義がありません。', en: 'Form definition missing.', action: FORMS_SETUP, exit: configuration },
  'forms/unknown-binding': {
    ja: '様式の項目の参照先がありません。',
    en: 'Unknown field binding.',
    action: FORMS_SETUP,
    exit: configuration,
  },
  'forms/bad-profile': {
    ja: '市区町村プロファイルが不正です。',
    en: 'Invalid city profile.',
    action: FORMS_SETUP,
    exit: configuration,
  },
  'forms/profile-not-found': {
    ja: '市区町村プロファイルが見つかりません。',
    en: 'City profile not found.',
    action: 'プロファイル名（forms/profiles/ のファイル名）を確認してください。',
    exit: refused,
  },
  'forms/rule-unknown-condition': { ja: '規則の条件が不明です。', en: 'Unknown rule condition.', action: FORMS_SETUP, exit: configuration },
  'forms/template-field-missing': {
    ja: 'テンプレートに項目がありません。',
    en: 'Template field missing.',
    action: FORMS_SETUP,
    exit: configuration,
  },
  'forms/template-page-missing': {
    ja: 'テンプレートのページがありません。',
    en: 'Template page missing.',
    action: FORMS_SETUP,
    exit: configuration,
  },
  'forms/font-missing': { ja: 'フォントがありません。', en: 'Font not loaded.', action: FORMS_SETUP, exit: configuration },
  'forms/subset-failed': { ja: 'フォントを埋め込めません。', en: 'Font subsetting failed.', action: FORMS_SETUP, exit: configuration },

  // ---- session: one visit at the counter (main/services) ------------------------------------
  'session/called-pending': {
    ja: '呼出中の番号があります。来られた方の受付を進めるか、「不在」にしてから次の方を呼んでください。',
    en: 'A called number is still open: serve that resident, or mark the number absent, before calling the next.',
    action: '呼出中の番号の方を受け付けるか、「不在」を押してください。',
    exit: refused,
  },
  'session/number-not-callable': {
    ja: 'その番号は窓口でお待ちの番号ではありません。',
    en: 'That number is not waiting for a counter.',
    action: '番号札の番号を確かめてください。処理中・交付待ちの方は、その窓口で呼び出します。',
    exit: refused,
  },
  'session/nothing-called': {
    ja: '呼出中の番号がありません。',
    en: 'No number is being called at this counter.',
    action: '「次の方を呼ぶ」を押してください。',
    exit: refused,
  },
  'session/no-session': {
    ja: '受付が開始されていません。',
    en: 'No visit in progress.',
    action: '「新しい受付」を押してください。',
    exit: refused,
  },
  'session/code-b-required': {
    ja: '照合番号Bが入力されていません。',
    en: 'Collation number B is missing.',
    action: 'カード表面の生年月日6桁・有効期限の西暦4桁・セキュリティコード4桁を入力してください。',
    exit: usage,
  },
  'session/no-pin-request': {
    ja: '暗証番号の入力を求めていません。',
    en: 'No PIN was requested.',
    action: '職員画面で「カードを読む」を押してから入力してください。',
    exit: refused,
  },
  'session/no-member': {
    ja: 'その世帯員は見つかりません。',
    en: 'Member not found.',
    action: '画面を更新してやり直してください。',
    exit: refused,
  },
  'session/unknown-form': {
    ja: 'その帳票は対象一覧にありません。',
    en: 'Form not in the list.',
    action: '画面の一覧（手続きの確認、または印刷の画面）にある帳票から選び直してください。',
    exit: refused,
  },
  'session/step-not-ready': {
    ja: 'まだその段階に進めません。',
    en: 'That step is not ready yet.',
    action: '前の段階の入力を終えてください。',
    exit: refused,
  },
  'session/household-incomplete': {
    ja: '世帯員または異動の内容が未入力です。',
    en: 'Household or move details missing.',
    action: '世帯員と異動内容を入力してください。',
    exit: refused,
  },
  'session/no-forms': {
    ja: '印刷する帳票が選ばれていません。',
    en: 'No form selected.',
    action: '手続きの一覧で帳票を1つ以上選んでください。',
    exit: refused,
  },
  'session/no-page': { ja: 'そのページはありません。', en: 'No such page.', action: 'プレビューを作り直してください。', exit: refused },
  'session/preview-page-failed': {
    ja: 'プレビューのページ画像を作れませんでした。',
    en: 'The preview page could not be drawn.',
    action: 'ページをもう一度押してください。続く場合はプレビューを作り直してください（印刷には影響しません）。',
    exit: internal,
  },
  'session/no-preview': {
    ja: 'プレビューがまだありません。',
    en: 'Preview first.',
    action: '「プレビュー」を押して帳票を確認してから印刷してください。',
    exit: refused,
  },
  'session/already-printed': {
    ja: '帳票一式はすでに印刷に回しています。',
    en: 'The form set has already been sent to the printer.',
    action: '「印刷」の画面で状態を確認してください。もう一部必要なときは「再印刷」を押してください（記録に残ります）。',
    exit: refused,
  },
  'session/not-printed': {
    ja: 'まだ印刷していません。',
    en: 'Print before issuing the ticket.',
    action: '帳票を印刷してから番号札を発行してください。',
    exit: refused,
  },
  'session/print-not-finished': {
    ja: '印刷がまだ終わっていません。',
    en: 'Printing has not finished.',
    action: 'プリンターを確認し、印刷が終わってから番号札を発行してください。印刷を待たずに発行する場合は理由を選んでください。',
    exit: refused,
  },
  'session/not-ticketed': {
    ja: '印刷済みの受付に番号札を発行していません。',
    en: 'The forms were printed but no ticket was issued.',
    action: '番号札を発行するか、「受付を取り消す」で取り消してください。',
    exit: refused,
  },
  'session/cannot-park': {
    ja: 'この受付は今は保留にできません。',
    en: 'This visit cannot be parked now.',
    action: 'カードの読み取り・帳票の作成・印刷が終わってから保留にしてください。番号札を発行した受付は保留せず終了してください。',
    exit: refused,
  },
  'session/too-many-parked': {
    ja: '保留中の受付が上限（5件）に達しています。',
    en: 'Too many parked visits at this counter.',
    action: '保留中の受付を再開して終えてから、新しく保留にしてください。',
    exit: refused,
  },
  'session/visit-open': {
    ja: '受付中の来庁者がいます。',
    en: 'Another visit is open at this counter.',
    action: '今の受付を保留にするか終了してから、保留中の受付を再開してください。',
    exit: refused,
  },
  'session/no-parked-visit': {
    ja: 'その保留中の受付はありません（終了済みか、日付が変わって消去されました）。',
    en: 'No such parked visit.',
    action: '保留中の一覧を確認してください。',
    exit: refused,
  },
  'session/printed-visit-open': {
    ja: '印刷済みで番号札を発行していない受付があります。',
    en: 'A visit with printed forms has no ticket yet.',
    action: '番号札を発行するか受付を取り消してから、サインアウトしてください。',
    exit: refused,
  },
  'session/service-unavailable': {
    ja: '必要な機能が利用できません。',
    en: 'A service is unavailable.',
    action: 'システム担当に連絡してください。受付は手書きの申請書で続けられます。',
    exit: unavailable,
  },

  // ---- auth: staff sign-in (main/auth) -------------------------------------------------------
  'auth/not-signed-in': {
    ja: '職員のサインインが必要です。',
    en: 'Staff sign-in required.',
    action: '職員IDとパスワードでサインインしてください。',
    exit: refused,
  },
  'auth/failed': {
    ja: '職員IDまたはパスワードが違います。',
    en: 'Wrong staff id or password.',
    action: '入力し直してください。忘れた場合は監督者に再設定を依頼してください。',
    exit: refused,
  },
  'auth/invalid-staff-id': {
    ja: '職員IDは英数字・-・_ の32文字以内です。',
    en: 'Invalid staff id (letters, digits, - and _, up to 32).',
    action: '職員IDを確認してください。',
    exit: usage,
  },
  'auth/password-too-short': {
    ja: 'パスワードは12文字以上にしてください。',
    en: 'The password must have at least 12 characters.',
    action: '12文字以上のパスワードを入力してください。',
    exit: usage,
  },
  'auth/locked': {
    ja: 'サインインの失敗が続いたため、この職員IDは一時的に使えません。',
    en: 'Too many failed sign-ins for this staff id.',
    action: 'しばらく待ってから入力し直してください。心当たりがない場合は監督者に知らせてください。',
    exit: refused,
  },
  'auth/forbidden-role': {
    ja: 'この操作は監督者のみ行えます。',
    en: 'Supervisor role required.',
    action: '監督者の職員IDでサインインしてください。',
    exit: refused,
  },

  // ---- ipc: the bridge between the screens and the core (main/ipc, renderer) ---------------
  'ipc/unknown-channel': {
    ja: '不明な要求です。',
    en: 'Unknown channel.',
    action: '画面を再読み込みしてやり直してください。',
    exit: internal,
  },
  'ipc/forbidden-screen': {
    ja: 'この画面からは実行できません。',
    en: 'Not allowed from this screen.',
    action: '画面を再読み込みしてやり直してください。',
    exit: internal,
  },
  'ipc/invalid-request': {
    ja: '要求の形式が正しくありません。',
    en: 'Invalid request.',
    action: '画面を再読み込みしてやり直してください。',
    exit: internal,
  },
  'ipc/invalid-response': {
    ja: '内部エラー（応答の形式）。',
    en: 'Invalid response.',
    action: '画面を再読み込みしてやり直してください。',
    exit: internal,
  },
  'ipc/forbidden-sender': {
    ja: '許可されていない画面からの要求です。',
    en: 'Request from a frame that is not one of the app’s windows.',
    action: 'アプリを再起動してください。',
    exit: internal,
  },
  'ipc/no-core': {
    ja: 'アプリ本体に接続できません。',
    en: 'Cannot reach the application core.',
    action: 'アプリを再起動してください。続く場合はシステム担当に連絡してください。',
    exit: internal,
  },

  // ---- office: the office service (office/) and a counter talking to it -------------------------
  'office/unauthorized': {
    ja: 'この端末は窓口サービスに登録されていないか、認証情報が正しくありません。',
    en: 'This machine is not registered with the office service, or its credential is wrong.',
    action: 'システム担当に端末の登録（docs/office.md の「端末の登録」）を依頼してください。',
    exit: configuration,
  },
  'office/forbidden': {
    ja: 'この端末にはその操作の権限がありません（監督者の端末が必要です）。',
    en: 'This machine may not do that (a supervisor machine is needed).',
    action: '監督者の端末で操作してください。',
    exit: refused,
  },
  'office/invalid-request': {
    ja: '窓口サービスへの要求の形式が正しくありません。',
    en: 'The request to the office service is malformed.',
    action: QUEUE,
    exit: usage,
  },
  'office/not-found': {
    ja: 'その番号札は本日の窓口サービスにありません。',
    en: 'No such ticket today at the office service.',
    action: '番号札の番号を確認してください。',
    exit: refused,
  },
  'office/illegal-transition': {
    ja: 'その番号札の今の状態では、その操作はできません。',
    en: 'That operation is not allowed in the ticket’s state.',
    action: QUEUE,
    exit: refused,
  },
  'office/numbers-exhausted': {
    ja: '本日この区分で出せる番号札の数を超えました（または、この端末の予備番号が上限です）。',
    en: 'No more ticket numbers today in this category (or this counter holds as many spare numbers as it may).',
    action: '別の区分で受け付けるか、システム担当に連絡してください。予備番号は使い終えてから追加されます。',
    exit: refused,
  },
  'office/too-many-requests': {
    ja: 'この端末からの番号札の発行が多すぎます。少し待ってからもう一度押してください。',
    en: 'Too many tickets issued from this machine at once; wait a moment and try again.',
    action: '数秒待ってからもう一度操作してください。続く場合はシステム担当に連絡してください（端末の不具合の可能性があります）。',
    exit: unavailable,
  },
  'office/database-unavailable': {
    ja: '窓口サービスのデータベース（PostgreSQL）に接続できません。',
    en: 'The office service cannot reach its PostgreSQL database.',
    action: '窓口は各端末だけで受付を続けられます。システム担当に連絡してください（DATABASE_URL とデータベースの起動）。',
    exit: unavailable,
  },
  'office/newer-schema': {
    ja: '窓口サービスのデータベースは、このサービスより新しい版で作られています。',
    en: 'The office database was written by a newer version of the office service; update the service.',
    action: CALL_IT,
    exit: configuration,
  },
  'office/too-many-streams': {
    ja: '窓口サービスへの同時接続が多すぎます。',
    en: 'Too many live connections to the office service.',
    action: '表示端末は数秒後に自動でつなぎ直します。続く場合はシステム担当に連絡してください。',
    exit: unavailable,
  },
  'office/unreachable': {
    ja: '窓口サービスに接続できません。この端末だけで受付を続け、つながり次第送ります。',
    en: 'The office service is unreachable; the counter goes on alone and sends its events once it is back.',
    action: '受付はそのまま続けてください。長く続く場合はシステム担当に連絡してください。',
    exit: unavailable,
  },

  'office/insecure-url': {
    ja: '窓口サービスの URL（KIOSK_CONFIG の office.service.url）が http:// です。庁内 LAN では https:// が必要です。',
    en: 'The office service URL (office.service.url in KIOSK_CONFIG) is plain http://; on the LAN it must be https://.',
    action:
      '窓口サービスを証明書付き（OFFICE_TLS_CERT, OFFICE_TLS_KEY）で起動し、URL を https:// に直してください（http:// は 127.0.0.1 だけ）。',
    exit: configuration,
  },

  // ---- cli and app ----------------------------------------------------------------------
  'cli/usage': { ja: '使い方が正しくありません。', en: 'Usage error.', action: '`kiosk help` で使い方を確認してください。', exit: usage },
  'cli/no-audit-log': {
    ja: '監査ログがありません。',
    en: 'No audit log in this data directory.',
    action: '--data-dir にアプリのデータフォルダを指定してください。',
    exit: unavailable,
  },
  'app/folder-unavailable': {
    ja: 'フォルダーを作れないか、使えません。',
    en: 'A folder cannot be created or used.',
    action: '設定したデータベース・鍵・出力先のパスを確認してください。続く場合はシステム担当に連絡してください。',
    exit: unavailable,
  },
  'app/internal': { ja: '予期しないエラーが発生しました。', en: 'Unexpected error.', action: RETRY, exit: internal },
  'app/config-invalid': {
    ja: '窓口の設定ファイル（KIOSK_CONFIG）を読めないか、内容が正しくありません。',
    en: 'The deployment configuration (KIOSK_CONFIG) is unreadable or invalid.',
    action: 'docs/operations.md の「Configuration」に沿って設定ファイルを直してください。',
    exit: configuration,
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const errorCodes = Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]];

export function textOf(text: Text, details: ErrorDetails): string {
  return typeof text === 'function' ? text(details) : text;
}
