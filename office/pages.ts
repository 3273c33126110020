// The office's own pages for machines that are browsers, and the per-number status page:
//
//   /sign-in           trades a one-time sign-in link (/sign-in#<code>) for the day's session
//   /reception         a reception PC or tablet: one large button per category issues a number,
//                      shows it very large and prints a small 受付票 (window.print, a print stylesheet)
//   /window?stage=…    the back office (processing: take the next file, hand it over to 交付) and
//                      交付 (delivery: call the next number on the hall display, call again, absent, done)
//   /status/A-012      one number's status for the resident (also /status?ticket=A-012): its stage
//                      and state in words, how many wait before it, the likely wait as a range
//
// Japanese first, English second, large type, numbers only (never a name). State is never shown by
// colour alone. Each page's script is its own file (the CSP allows scripts from 'self' only). The
// pages hold no credential: a session is an HttpOnly cookie, and every call names the page with
// the `x-office-page` header. Live over the SSE doorbell, with polling as the fallback.

import { html, LANGUAGE_FONTS_CSS, LANGUAGE_NAMES, PAGE_LANGUAGES, SLIP_WORDS, TICKET_PAGE_WORDS } from './resident-words.ts';

/** The element that holds each language's words of the phase (ja: #words, the rest below it). */
const PHASE_IDS: Readonly<Record<string, string>> = {
  ja: 'words',
  'ja-Hira': 'easy',
  en: 'words-en',
  'zh-Hans': 'words-zh-Hans',
  ko: 'words-ko',
  vi: 'words-vi',
};

const HEAD = (title: string) => `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "BIZ UDGothic", "BIZ UDPGothic", "Noto Sans CJK JP", sans-serif; color: #111; background: #f6f7f9; font-size: 1.5rem; line-height: 1.45; }
  header { display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; align-items: center; justify-content: space-between; padding: 0.7rem 1.2rem; background: #1d2a36; color: #fff; font-size: 1.15rem; }
  header h1 { font-size: 1.6rem; margin: 0; }
  header .en, header [lang="en"] { color: #dfe6ec; }
  main { padding: 1.2rem; max-width: 80rem; margin: 0 auto; }
  [lang="en"] { color: #3a434b; }
  .en-block { display: block; font-size: 0.75em; font-weight: 400; }
  button { font: inherit; cursor: pointer; border-radius: 0.8rem; border: 0.2rem solid #1d2a36; background: #fff; color: #111; padding: 0.6rem 1.2rem; }
  button:focus-visible { outline: 0.3rem solid #0b5cad; outline-offset: 0.2rem; }
  button:disabled { cursor: not-allowed; border-style: dashed; color: #555; background: #e8eaed; }
  button.primary { background: #0b4f8a; border-color: #0b4f8a; color: #fff; }
  button.primary [lang="en"] { color: #e4eef7; }
  button.small { font-size: 1.05rem; padding: 0.35rem 0.9rem; background: #1d2a36; color: #fff; border-color: #dfe6ec; }
  button.small [lang="en"] { color: #dfe6ec; }
  .number { font-size: clamp(6rem, 18vw, 14rem); font-weight: 700; line-height: 1.05; font-variant-numeric: tabular-nums; letter-spacing: 0.02em; margin: 0.2rem 0; }
  .message { min-height: 2.2em; font-size: 1.3rem; margin: 0.8rem 0; }
  .message.error { border-left: 0.5rem solid #b00020; padding-left: 0.8rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .panel { background: #fff; border: 0.15rem solid #9aa5b1; border-radius: 1rem; padding: 1rem 1.4rem; }
  label { display: block; font-size: 1.3rem; margin: 0.8rem 0 0.3rem; }
  input { font: inherit; font-size: 1.8rem; padding: 0.4rem 0.8rem; width: 16rem; border: 0.15rem solid #1d2a36; border-radius: 0.5rem; }
`;

// ---- sign-in ------------------------------------------------------------------------------

export const SIGN_IN_PAGE = `${HEAD('サインイン / Sign in')}
</style>
</head>
<body>
<header><h1>窓口の画面のサインイン <span lang="en">Sign in this page</span></h1></header>
<main>
  <section class="panel" aria-labelledby="how">
    <h2 id="how">この端末で始めます <span lang="en" class="en-block">Start this machine for today</span></h2>
    <p id="intro">職員番号を入れて「始める」を押してください。サインインは今日の終わりまで有効です。<span lang="en" class="en-block">Enter your staff code and press Start. The sign-in lasts until the end of today.</span></p>
    <form id="form" novalidate>
      <label for="staff">職員番号 <span lang="en">Staff code</span></label>
      <input id="staff" name="staff" autocomplete="off" inputmode="latin" pattern="[A-Za-z0-9_-]{1,32}" required>
      <p><button type="submit" class="primary" id="start">始める <span lang="en">Start</span></button></p>
    </form>
    <p id="message" class="message" role="status"></p>
  </section>
</main>
<script src="/page-common.js"></script>
<script src="/sign-in.js"></script>
</body>
</html>
`;

// ---- reception ----------------------------------------------------------------------------

export const RECEPTION_PAGE = `${HEAD('受付 / Reception')}
  #choose h2 { font-size: 2rem; margin: 0.2rem 0 1rem; }
  #categories { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1.2rem; }
  #categories button { min-height: 9rem; font-size: 2.6rem; font-weight: 700; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 0.2rem; }
  #categories button .letter { font-size: 1.2rem; font-weight: 400; }
  #categories button [lang="en"] { font-size: 1.3rem; font-weight: 400; }
  #issued { text-align: center; }
  #issued .label { font-size: 1.8rem; margin: 0; }
  #issued .what { font-size: 2.2rem; margin: 0; font-weight: 700; }
  #issued .ahead { font-size: 1.8rem; margin: 0.6rem 0; }
  #issued .actions { display: flex; gap: 1rem; justify-content: center; margin-top: 1rem; }
  #issued .actions button { font-size: 1.6rem; min-height: 4.5rem; }
  #slip { display: none; }
  @media print {
    @page { size: 80mm 200mm; margin: 4mm; }
    body { background: #fff; font-size: 11pt; }
    body > *:not(#slip) { display: none !important; }
    #slip { display: block; color: #000; text-align: center; }
    #slip h2 { font-size: 13pt; margin: 0 0 2mm; }
    #slip .slip-number { font-size: 40pt; font-weight: 700; margin: 1mm 0; letter-spacing: 0.02em; }
    #slip .slip-what { font-size: 14pt; font-weight: 700; margin: 0; }
    #slip p { margin: 1.2mm 0; }
    #slip [lang="en"] { color: #000; }
    #slip img { width: 30mm; height: 30mm; display: block; margin: 2mm auto 1mm; }
    #slip .small { font-size: 8.5pt; }
    #slip-lines p { margin: 1.6mm 0; font-size: 8.5pt; text-align: left; }
    #slip-lines p[lang="ja"] { font-size: 11pt; }
    #slip-lines p[lang="en"] { font-size: 9.5pt; }
  }
  :lang(en) { font-family: "BIZ UDPGothic", "BIZ UDGothic", sans-serif; }
  ${LANGUAGE_FONTS_CSS}
</style>
</head>
<body>
<header>
  <h1>受付 <span lang="en">Reception</span></h1>
  <span id="who" aria-live="polite">サインインを確認しています <span lang="en">Checking sign-in</span></span>
  <button type="button" class="small" id="sign-out" hidden>サインアウト <span lang="en">Sign out</span></button>
</header>
<main>
  <section id="choose" aria-labelledby="choose-title" hidden>
    <h2 id="choose-title">ご用件を選んでください <span lang="en" class="en-block">Choose what you came for</span></h2>
    <div id="categories"></div>
  </section>
  <section id="issued" class="panel" aria-labelledby="issued-label" hidden>
    <p class="label" id="issued-label">受付番号 <span lang="en">Your number</span></p>
    <p class="number" id="number"></p>
    <p class="what" id="what"></p>
    <p class="ahead" id="ahead"></p>
    <p id="printing"></p>
    <div class="actions">
      <button type="button" id="reprint">受付票をもう一度印刷 <span lang="en" class="en-block">Print the slip again</span></button>
      <button type="button" class="primary" id="next">次の方へ <span lang="en" class="en-block">Next person</span></button>
    </div>
  </section>
  <p id="message" class="message" role="status"></p>
</main>
<section id="slip" aria-hidden="true">
  <h2>${html(SLIP_WORDS.ja.title)} <span lang="en">${html(SLIP_WORDS.en.title)}</span></h2>
  <p class="slip-number" id="slip-number"></p>
  <p class="slip-what" id="slip-what"></p>
  <p id="slip-time"></p>
  <div id="slip-qr"></div>
  <div id="slip-lines"></div>
</section>
<script src="/page-common.js"></script>
<script src="/reception.js"></script>
</body>
</html>
`;

// ---- the back office and 交付 -------------------------------------------------------------

export const WINDOW_PAGE = `${HEAD('窓口 / Window')}
  #current { text-align: center; }
  #current .label { font-size: 1.6rem; margin: 0; }
  #state { font-size: 1.9rem; font-weight: 700; margin: 0.2rem 0 0.6rem; }
  #actions { display: grid; grid-template-columns: repeat(2, 1fr); gap: 1.2rem; margin-top: 1.2rem; }
  #actions button { min-height: 7rem; font-size: 2.3rem; font-weight: 700; }
  #actions button [lang="en"] { font-size: 1.3rem; font-weight: 400; }
  #waiting { font-size: 1.6rem; margin: 0.6rem 0 0; }
  #call-form { margin-top: 1.2rem; }
  #call-form label { font-size: 1.5rem; font-weight: 700; margin-top: 0; }
  #call-form .row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
  #call-form input { font-size: 2.2rem; width: 12rem; text-transform: uppercase; }
  #call-form button { font-size: 1.7rem; min-height: 4.2rem; }
  #call-hint { font-size: 1.1rem; margin: 0.4rem 0 0; }
</style>
</head>
<body>
<header>
  <h1 id="title">窓口 <span lang="en">Window</span></h1>
  <span id="who" aria-live="polite">サインインを確認しています <span lang="en">Checking sign-in</span></span>
  <button type="button" class="small" id="sign-out" hidden>サインアウト <span lang="en">Sign out</span></button>
</header>
<main>
  <section id="current" class="panel" aria-labelledby="current-label" hidden>
    <p class="label" id="current-label">いまの番号 <span lang="en">Current number</span></p>
    <p class="number" id="number">―</p>
    <p id="state"></p>
    <p id="waiting"></p>
  </section>
  <div id="actions"></div>
  <form id="call-form" class="panel" novalidate hidden>
    <label for="call-number" id="call-label"></label>
    <div class="row">
      <input id="call-number" name="number" autocomplete="off" spellcheck="false" aria-describedby="call-hint call-result">
      <button type="submit" class="primary" id="call-specific"></button>
    </div>
    <p id="call-hint">例：A-012（全角・小文字でも入れられます） <span lang="en">For example A-012</span></p>
    <p id="call-result" class="message" role="status"></p>
  </form>
  <p id="message" class="message" role="status"></p>
</main>
<script src="/page-common.js"></script>
<script src="/window.js"></script>
</body>
</html>
`;

// ---- one number's status, for the resident ----------------------------------------------------

/** One block per language after Japanese: its name, the phase's words, who waits ahead, the wait. */
const LANGUAGE_BLOCKS = PAGE_LANGUAGES.filter((language) => language !== 'ja')
  .map(
    (language) => `    <section class="lang" lang="${language}" aria-labelledby="name-${language}">
      <h2 id="name-${language}">${html(LANGUAGE_NAMES[language])}</h2>
      <p class="badge">${html(TICKET_PAGE_WORDS[language].calling)}</p>
      <p class="phase" id="${PHASE_IDS[language]}"></p>
      <p class="more" data-more></p>
    </section>`,
  )
  .join('\n');

export const TICKET_STATUS_PAGE = `${HEAD('番号の状況 / Your number')}
  body { background: #fff; }
  main { max-width: 44rem; }
  h1 { font-size: 1.5rem; margin: 0.2rem 0; }
  .number { font-size: clamp(4.5rem, 22vw, 8rem); text-align: center; }
  #words { font-size: 1.9rem; font-weight: 700; margin: 0.4rem 0; }
  ol.steps { list-style: none; padding: 0; margin: 1rem 0; display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.5rem; }
  ol.steps li { border: 0.15rem solid #9aa5b1; border-radius: 0.6rem; padding: 0.5rem 0.2rem; font-size: 1.2rem; text-align: center; min-width: 0; }
  ol.steps li [lang="en"] { display: block; font-size: 0.95rem; }
  ol.steps li.now { border: 0.35rem solid #0b4f8a; font-weight: 700; }
  ol.steps li .here { display: block; font-size: 1rem; }
  dl { font-size: 1.4rem; margin: 0.6rem 0; }
  dt { font-weight: 700; margin-top: 0.6rem; }
  dd { margin: 0.1rem 0 0; font-size: 1.9rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  #now { border: 0.25rem solid transparent; border-radius: 0.8rem; padding: 0.4rem 0.8rem; }
  body[data-phase="called"] #now, body[data-phase="delivery-called"] #now { border-color: #0b4f8a; background: #eef4fa; }
  .badge { display: none; font-size: 1.3rem; font-weight: 700; margin: 0.2rem 0; padding: 0.1rem 0.8rem; border-radius: 0.5rem; background: #0b4f8a; color: #fff; }
  .badge [lang="en"] { color: #fff; }
  body[data-phase="called"] .badge, body[data-phase="delivery-called"] .badge { display: inline-block; }
  #notice:empty { display: none; }
  #notice { border-left: 0.5rem solid #8a5a00; padding: 0.3rem 0.8rem; font-size: 1.35rem; background: #fff8e6; }
  #notice p { margin: 0.3rem 0; }
  #languages { margin-top: 1.2rem; }
  .lang { border-top: 0.15rem solid #9aa5b1; padding: 0.6rem 0 0.4rem; }
  .lang h2 { font-size: 1.1rem; font-weight: 400; color: #3a434b; margin: 0; }
  .lang .phase { font-size: 1.45rem; font-weight: 700; margin: 0.3rem 0; }
  .lang .more { font-size: 1.3rem; margin: 0.2rem 0; }
  .lang .badge { font-size: 1.1rem; }
  .lang [lang="en"], .lang[lang="en"] { color: #111; }
  #updated { font-size: 1.1rem; }
  :lang(en) { font-family: "BIZ UDPGothic", "BIZ UDGothic", sans-serif; }
  ${LANGUAGE_FONTS_CSS}
</style>
</head>
<body>
<main>
  <h1>受付番号の状況 <span lang="en">Status of your number</span></h1>
  <p class="number" id="number" aria-label="受付番号"></p>
  <div id="notice" role="alert"></div>
  <div id="now" role="status" aria-live="polite" aria-atomic="true">
    <p class="badge">${html(TICKET_PAGE_WORDS.ja.calling)}</p>
    <p id="words"></p>
  </div>
  <ol class="steps" id="steps" aria-label="手続きの流れ Steps"></ol>
  <dl id="facts"></dl>
  <div id="languages">
${LANGUAGE_BLOCKS}
  </div>
  <p id="updated">読み込み中 <span lang="en">Loading</span></p>
</main>
<script src="/ticket-status.js"></script>
</body>
</html>
`;

/**
 * The answer to /status/A-012 from an address over its limit (429): the words in every language,
 * Japanese first, English second, and the page loads itself again when the wait is over.
 */
export function TOO_MANY_LOOKUPS_PAGE(seconds: number): string {
  const lines = PAGE_LANGUAGES.map(
    (language) => `  <p lang="${language}">${html(TICKET_PAGE_WORDS[language].tooMany.replace('{seconds}', String(seconds)))}</p>`,
  ).join('\n');
  return `${HEAD('しばらくお待ちください / Please wait')}
  body { background: #fff; }
  main { max-width: 44rem; }
  p { font-size: 1.4rem; }
  p[lang="ja"] { font-size: 1.9rem; font-weight: 700; }
  :lang(en) { font-family: "BIZ UDPGothic", "BIZ UDGothic", sans-serif; }
  ${LANGUAGE_FONTS_CSS}
</style>
<meta http-equiv="refresh" content="${seconds}">
</head>
<body>
<main>
  <h1>しばらくお待ちください <span lang="en">Please wait</span></h1>
${lines}
</main>
</body>
</html>
`;
}

// ---- scripts ------------------------------------------------------------------------------------

const COMMON_SCRIPT = `'use strict';
// Shared by the signed-in pages: the API with the page header, UUIDv7 event ids, the session.
var Office = (function () {
  function hex(bytes) { return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join(''); }
  function uuidv7() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    var ms = Date.now();
    for (var i = 5; i >= 0; i--) { b[i] = ms % 256; ms = Math.floor(ms / 256); }
    b[6] = 0x70 | (b[6] & 0x0f);
    b[8] = 0x80 | (b[8] & 0x3f);
    var h = hex(b);
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function api(method, path, body) {
    var init = { method: method, cache: 'no-store', credentials: 'same-origin', headers: { 'x-office-page': '1' } };
    if (body !== undefined) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (r) {
      return r.text().then(function (text) {
        var json = text ? JSON.parse(text) : null;
        if (!r.ok) { var e = new Error('http ' + r.status); e.status = r.status; e.body = json; throw e; }
        return json;
      });
    });
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function say(el, ja, en, error) {
    clear(el);
    el.className = 'message' + (error ? ' error' : '');
    el.appendChild(document.createTextNode(ja + ' '));
    var span = document.createElement('span');
    span.lang = 'en';
    span.textContent = en;
    el.appendChild(span);
  }
  function sayError(el, e) {
    var err = e && e.body && e.body.error;
    if (err) say(el, (e.status === 400 || e.status === 401 || e.status === 403 ? '' : '') + err.message + ' ' + (err.action || ''), err.messageEn, true);
    else say(el, '窓口サービスにつながりません。少し待ってからもう一度押してください。', 'Cannot reach the office service. Wait a moment and press again.', true);
  }
  function time(ms) {
    return new Date(ms).toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
  }
  function windowName(machine) {
    return /^[0-9]+$/.test(machine) ? { ja: machine + '番窓口', en: 'Counter ' + machine } : { ja: '窓口 ' + machine, en: 'Counter ' + machine };
  }
  // The session, or the sign-in instructions when there is none (401).
  function session(who, signOut, onSession) {
    api('GET', '/v1/session').then(function (s) {
      var w = s.role === 'reception' ? { ja: '端末 ' + s.machine, en: 'Machine ' + s.machine } : windowName(s.machine);
      var until = time(s.expiresAt) === '00:00' ? { ja: '本日 24:00 まで', en: 'until midnight' } : { ja: time(s.expiresAt) + ' まで', en: 'until ' + time(s.expiresAt) };
      clear(who);
      who.appendChild(document.createTextNode(w.ja + '・職員 ' + s.staff + '・サインインは' + until.ja + ' '));
      var en = document.createElement('span');
      en.lang = 'en';
      en.textContent = w.en + ', staff ' + s.staff + ', signed in ' + until.en;
      who.appendChild(en);
      signOut.hidden = false;
      signOut.onclick = function () {
        api('POST', '/v1/sign-out', {}).then(function () { location.replace('/sign-in'); });
      };
      onSession(s);
    }).catch(function (e) {
      clear(who);
      var err = e && e.body && e.body.error;
      who.appendChild(document.createTextNode(err ? err.message + ' ' : 'サインインを確認できません。 '));
      var en = document.createElement('span');
      en.lang = 'en';
      en.textContent = err ? err.messageEn : 'Cannot check the sign-in.';
      who.appendChild(en);
      document.body.dataset.session = 'none';
    });
  }
  // Calls refresh when the doorbell rings and every 15 s (the fallback when the stream is cut).
  function live(refresh) {
    if ('EventSource' in window) new EventSource('/v1/stream').addEventListener('seq', refresh);
    setInterval(refresh, 15000);
  }
  return { api: api, uuidv7: uuidv7, say: say, sayError: sayError, time: time, session: session, live: live, clear: clear, windowName: windowName };
})();
`;

const SIGN_IN_SCRIPT = `'use strict';
(function () {
  // The one-time code is after '#': it never went to the server with the page, and it leaves the
  // address bar and the history at once, before anything else runs.
  var code = location.hash.slice(1);
  if (code) history.replaceState(null, '', '/sign-in');
  var message = document.getElementById('message');
  var form = document.getElementById('form');
  if (!/^[A-Za-z0-9_-]{32,64}$/.test(code)) {
    form.hidden = true;
    document.getElementById('intro').hidden = true;
    Office.say(message, 'サインインのリンクがありません。システム担当に、この端末のサインインのリンク（npm run office -- sign-in-link 端末番号）を発行してもらってください。',
      'No sign-in link. Ask IT staff for this machine\\'s sign-in link (npm run office -- sign-in-link MACHINE).', true);
    return;
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var staff = document.getElementById('staff').value.trim();
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(staff)) {
      Office.say(message, '職員番号は英数字で入れてください。', 'Enter your staff code (letters and digits).', true);
      return;
    }
    document.getElementById('start').disabled = true;
    Office.api('POST', '/v1/sign-in', { code: code, staff: staff }).then(function (s) {
      code = '';
      location.replace(s.role === 'reception' ? '/reception' : '/window?stage=' + s.role);
    }).catch(function (e) {
      Office.sayError(message, e);
      document.getElementById('start').disabled = false;
    });
  });
})();
`;

const RECEPTION_SCRIPT = `'use strict';
(function () {
  var LANGUAGES = ${JSON.stringify(PAGE_LANGUAGES)};
  var AHEAD = ${JSON.stringify(Object.fromEntries(PAGE_LANGUAGES.map((l) => [l, { none: TICKET_PAGE_WORDS[l].aheadNone, one: TICKET_PAGE_WORDS[l].aheadOne, many: TICKET_PAGE_WORDS[l].aheadMany }])))};
  var SLIP = ${JSON.stringify(SLIP_WORDS)};
  var CATEGORIES = [
    { id: 'tennyu', letter: 'A', ja: '転入', en: 'Moving in' },
    { id: 'tenshutsu', letter: 'B', ja: '転出', en: 'Moving out' },
    { id: 'tenkyo', letter: 'C', ja: '転居', en: 'Moving within the city' },
    { id: 'household', letter: 'D', ja: '世帯変更', en: 'Household change' },
    { id: 'certificate', letter: 'E', ja: '証明書', en: 'Certificates' },
    { id: 'other', letter: 'F', ja: 'その他', en: 'Other' },
  ];
  var $ = function (id) { return document.getElementById(id); };
  var message = $('message');
  var session = null;
  var pending = null; // { id, category }: a retried press sends the same event id, so it never issues twice
  var backTimer = null;

  function show(section) {
    $('choose').hidden = section !== 'choose';
    $('issued').hidden = section !== 'issued';
  }
  function buttons() {
    var box = $('categories');
    CATEGORIES.forEach(function (c) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'primary';
      b.dataset.category = c.id;
      var ja = document.createElement('span');
      ja.textContent = c.ja;
      var en = document.createElement('span');
      en.lang = 'en';
      en.textContent = c.en;
      b.appendChild(ja);
      b.appendChild(en);
      b.addEventListener('click', function () { issue(c); });
      box.appendChild(b);
    });
  }
  function setButtons(disabled) {
    Array.prototype.forEach.call(document.querySelectorAll('#categories button'), function (b) { b.disabled = disabled; });
  }
  function issue(c) {
    if (!pending || pending.category !== c.id) pending = { id: Office.uuidv7(), category: c.id };
    setButtons(true);
    Office.say(message, '番号を発行しています…', 'Issuing a number…');
    Office.api('POST', '/v1/tickets', { id: pending.id, category: c.id, staff: session.staff }).then(function (r) {
      pending = null;
      var t = r.ticket;
      return Office.api('GET', '/v1/status/' + t.number).then(function (st) { issued(t, c, st); });
    }).catch(function (e) {
      Office.sayError(message, e);
      setButtons(false);
    });
  }
  function ahead(language, n) {
    var w = AHEAD[language];
    return n === 0 ? w.none : n === 1 ? w.one : w.many.replace('{n}', String(n));
  }
  // The 受付票's lines, one paragraph per language: who waits ahead, the hall display, the QR code.
  function slipLines(n, qr) {
    var box = $('slip-lines');
    Office.clear(box);
    LANGUAGES.forEach(function (language) {
      var p = document.createElement('p');
      p.lang = language;
      p.textContent = ahead(language, n) + ' ' + SLIP[language].display + (qr ? ' ' + SLIP[language].qr : '');
      box.appendChild(p);
    });
  }
  function bilingual(el, ja, en) {
    Office.clear(el);
    el.appendChild(document.createTextNode(ja + ' '));
    var span = document.createElement('span');
    span.lang = 'en';
    span.textContent = en;
    el.appendChild(span);
  }
  function issued(t, c, st) {
    var n = st.ahead || 0;
    $('number').textContent = t.number;
    bilingual($('what'), c.ja, c.en);
    bilingual($('ahead'), ahead('ja', n), ahead('en', n));
    $('slip-number').textContent = t.number;
    bilingual($('slip-what'), c.ja, c.en);
    $('slip-time').textContent = '発行 ' + Office.time(t.issuedAt) + ' / Issued ' + Office.time(t.issuedAt);
    var qr = $('slip-qr');
    Office.clear(qr);
    var ready = Promise.resolve();
    if (session.qr) {
      var img = document.createElement('img');
      img.alt = '';
      img.src = '/qr/' + t.number + '.svg';
      qr.appendChild(img);
      ready = img.decode ? img.decode().catch(function () {}) : ready;
    }
    slipLines(n, Boolean(session.qr));
    show('issued');
    Office.say(message, t.number + ' を発行しました。', 'Issued ' + t.number + '.');
    document.body.dataset.issued = t.number;
    ready.then(print);
    clearTimeout(backTimer);
    backTimer = setTimeout(back, 60000);
  }
  function print() {
    bilingual($('printing'), '受付票を印刷しています。お受け取りください。', 'Printing your slip. Please take it.');
    window.print();
  }
  function back() {
    clearTimeout(backTimer);
    show('choose');
    setButtons(false);
    Office.clear(message);
    delete document.body.dataset.issued;
  }
  $('reprint').addEventListener('click', print);
  $('next').addEventListener('click', back);
  buttons();
  Office.session($('who'), $('sign-out'), function (s) {
    if (s.role !== 'reception') { location.replace('/window?stage=' + s.role); return; }
    session = s;
    show('choose');
    document.body.dataset.session = 'up';
  });
})();
`;

const WINDOW_SCRIPT = `'use strict';
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var message = $('message');
  var session = null;
  var current = null;
  var busy = false;
  var STAGES = {
    processing: {
      title: { ja: '手続き（バックオフィス）', en: 'Processing (back office)' },
      specific: { label: { ja: '番号を指定して取る', en: 'Take a specific number' }, button: { ja: '取る', en: 'Take' },
        done: function (n) { return { ja: n + ' を取りました。手続きを始めてください。', en: 'Took ' + n + '.' }; } },
      waiting: function (n) { return { ja: '手続き待ち ' + n + ' 件', en: n + ' waiting to be processed' }; },
      actions: [
        { id: 'take', ja: '次を取る', en: 'Take the next file', when: 'free' },
        { id: 'hand-over', ja: '交付へ回す', en: 'Send to collection', when: 'held' },
      ],
    },
    delivery: {
      title: { ja: '交付', en: 'Collection' },
      specific: { label: { ja: '番号を指定して呼ぶ', en: 'Call a specific number' }, button: { ja: '呼ぶ', en: 'Call' },
        done: function (n) { return { ja: n + ' を呼び出しました（呼出表示板）。', en: 'Called ' + n + ' on the hall display.' }; } },
      waiting: function (n) { return { ja: '交付待ち ' + n + ' 人', en: n + ' waiting to collect' }; },
      actions: [
        { id: 'call-next', ja: '次の方を呼ぶ', en: 'Call the next number', when: 'free' },
        { id: 'recall', ja: '再呼出', en: 'Call again', when: 'held' },
        { id: 'no-show', ja: '不在', en: 'Not here', when: 'held' },
        { id: 'complete', ja: '交付完了', en: 'Handed over', when: 'held' },
      ],
    },
  };
  function bilingual(el, ja, en) {
    Office.clear(el);
    el.appendChild(document.createTextNode(ja + ' '));
    var span = document.createElement('span');
    span.lang = 'en';
    span.textContent = en;
    el.appendChild(span);
  }
  function build(stage) {
    var box = $('actions');
    STAGES[stage].actions.forEach(function (a) {
      var b = document.createElement('button');
      b.type = 'button';
      b.id = a.id;
      b.className = a.when === 'free' ? 'primary' : '';
      b.dataset.when = a.when;
      var ja = document.createElement('span');
      ja.textContent = a.ja;
      var en = document.createElement('span');
      en.lang = 'en';
      en.className = 'en-block';
      en.textContent = a.en;
      b.appendChild(ja);
      b.appendChild(en);
      b.addEventListener('click', function () { act(a); });
      box.appendChild(b);
    });
  }
  function render(view) {
    current = view.current;
    var stage = STAGES[session.role];
    $('number').textContent = current ? current.number : '―';
    if (!current) bilingual($('state'), 'いま担当している番号はありません', 'No number in hand');
    else if (session.role === 'processing') bilingual($('state'), '手続き中', 'Being processed');
    else bilingual($('state'), '呼出中　呼出表示板に出ています', 'Calling: shown on the hall display');
    var w = stage.waiting(view.waiting);
    bilingual($('waiting'), w.ja, w.en);
    document.body.dataset.current = current ? current.number : '';
    Array.prototype.forEach.call(document.querySelectorAll('#actions button'), function (b) {
      b.disabled = busy || (b.dataset.when === 'free' ? current !== null : current === null);
    });
  }
  function refresh() {
    if (!session) return;
    return Office.api('GET', '/v1/queue?stage=' + session.role).then(render).catch(function (e) { Office.sayError(message, e); });
  }
  var done = {
    take: function (t) { return t ? { ja: t.number + ' を取りました。', en: 'Took ' + t.number + '.' } : null; },
    'call-next': function (t) { return t ? { ja: t.number + ' を呼び出しました（呼出表示板）。', en: 'Called ' + t.number + ' on the hall display.' } : null; },
    'hand-over': function (t) { return { ja: t.number + ' を交付へ回しました。', en: t.number + ' sent to collection.' }; },
    recall: function (t) { return { ja: t.number + ' をもう一度呼び出しました。', en: 'Called ' + t.number + ' again.' }; },
    'no-show': function (t) { return { ja: t.number + ' を不在にしました。', en: t.number + ' marked not here.' }; },
    complete: function (t) { return { ja: t.number + ' の交付を完了しました。', en: t.number + ' handed over.' }; },
  };
  function act(a) {
    if (busy) return;
    busy = true;
    render({ current: current, waiting: 0 });
    var id = Office.uuidv7();
    var request;
    if (a.id === 'take' || a.id === 'call-next') {
      request = Office.api('POST', '/v1/call-next', { id: id, pools: ['tennyu', 'tenshutsu', 'tenkyo', 'household', 'certificate', 'other'], staff: session.staff, stage: session.role });
    } else if (a.id === 'hand-over') {
      request = Office.api('POST', '/v1/tickets/' + current.number + '/hand-over', { id: id, staff: session.staff, to: 'delivery' });
    } else {
      request = Office.api('POST', '/v1/tickets/' + current.number + '/' + a.id, { id: id, staff: session.staff });
    }
    request.then(function (r) {
      var words = done[a.id](r.ticket);
      if (words) Office.say(message, words.ja, words.en);
      else Office.say(message, '待っている番号はありません。', 'No number is waiting.');
    }).catch(function (e) { Office.sayError(message, e); })
      .then(function () { busy = false; return refresh(); });
  }
  // A number as staff type it: Ａ－０１２, a12, A 12 → A-012; null when it is not one.
  function typedNumber(text) {
    var t = (text.normalize ? text.normalize('NFKC') : text).toUpperCase().replace(/[\\s‐-―−ー]/g, '-').replace(/\\s/g, '');
    var m = /^-*([A-Z])-*(\\d{1,5})-*$/.exec(t);
    if (!m) return null;
    var digits = m[2].length < 3 ? ('00' + m[2]).slice(-3) : m[2];
    return m[1] + '-' + digits;
  }
  function callSpecific(event) {
    event.preventDefault();
    if (busy) return;
    var result = $('call-result');
    var number = typedNumber($('call-number').value);
    if (!number) {
      Office.say(result, '番号は A-012 のように、英字 1 文字と数字で入れてください。', 'Enter a number like A-012.', true);
      $('call-number').focus();
      return;
    }
    busy = true;
    $('call-specific').disabled = true;
    Office.api('POST', '/v1/tickets/' + number + '/call', { id: Office.uuidv7(), staff: session.staff }).then(function (r) {
      var words = STAGES[session.role].specific.done(r.ticket.number);
      Office.say(result, words.ja, words.en);
      $('call-number').value = '';
      document.body.dataset.called = r.ticket.number;
    }).catch(function (e) {
      var err = e && e.body && e.body.error;
      // The office's own words (not found, not at this stage, called elsewhere), without the generic advice.
      if (err && e.status !== 401) Office.say(result, err.message, err.messageEn, true);
      else Office.sayError(result, e);
      $('call-number').select();
    }).then(function () {
      busy = false;
      $('call-specific').disabled = false;
      return refresh();
    });
  }
  Office.session($('who'), $('sign-out'), function (s) {
    if (s.role === 'reception') { location.replace('/reception'); return; }
    var asked = new URLSearchParams(location.search).get('stage');
    if (asked !== s.role) { history.replaceState(null, '', '/window?stage=' + s.role); }
    session = s;
    var stage = STAGES[s.role];
    var w = Office.windowName(s.machine);
    bilingual($('title'), stage.title.ja + '・' + w.ja, stage.title.en + ', ' + w.en);
    document.title = stage.title.ja + ' ' + w.ja + ' / ' + stage.title.en;
    build(s.role);
    var specific = stage.specific;
    bilingual($('call-label'), specific.label.ja, specific.label.en);
    bilingual($('call-specific'), specific.button.ja, specific.button.en);
    $('call-form').addEventListener('submit', callSpecific);
    $('call-form').hidden = false;
    $('current').hidden = false;
    document.body.dataset.session = 'up';
    refresh();
    Office.live(refresh);
  });
})();
`;

const TICKET_STATUS_SCRIPT = `'use strict';
(function () {
  var LANGUAGES = ${JSON.stringify(PAGE_LANGUAGES)};
  var WORDS = ${JSON.stringify(TICKET_PAGE_WORDS)};
  var IDS = ${JSON.stringify(PHASE_IDS)};
  // A doorbell reads at most once per GAP, the poll every POLL: a resident's page (even reloaded
  // every 15 s) stays well under the service's per-address limit (office/http.ts STATUS_BURST).
  var GAP = 8000;
  var POLL = 15000;
  var $ = function (id) { return document.getElementById(id); };
  var fromPath = /^\\/status\\/([A-Z]-\\d{3,5})$/.exec(location.pathname);
  var number = fromPath ? fromPath[1] : (new URLSearchParams(location.search).get('ticket') || '').toUpperCase();
  var STEPS = [
    { stage: 'counter', ja: '① 窓口', en: 'Counter' },
    { stage: 'processing', ja: '② 手続き', en: 'Processing' },
    { stage: 'delivery', ja: '③ 交付', en: 'Collection' },
  ];
  function add(parent, tag, text, lang) {
    var el = document.createElement(tag);
    if (lang) el.lang = lang;
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function fill(text, values) {
    return text.replace(/\\{(\\w+)\\}/g, function (m, k) { return values[k] !== undefined ? String(values[k]) : m; });
  }
  function fact(dl, label, value) {
    add(dl, 'dt', label);
    add(dl, 'dd', value);
  }
  function aheadWords(w, n) { return n === 0 ? w.aheadNone : n === 1 ? w.aheadOne : fill(w.aheadMany, { n: n }); }
  function waitWords(w, e) { return !e ? w.waitUnknown : fill(e.low === e.high ? w.waitAbout : w.waitRange, e); }
  function more(language, s) {
    var box = document.querySelector('.lang[lang="' + language + '"] [data-more]');
    if (!box) return;
    clear(box);
    if (s === null || s.ahead === null) return;
    var w = WORDS[language];
    box.textContent = aheadWords(w, s.ahead) + ' ' + waitWords(w, s.estimatedWaitMinutes);
  }
  function say(key, values) {
    LANGUAGES.forEach(function (language) { $(IDS[language]).textContent = fill(WORDS[language][key], values || {}); more(language, null); });
  }
  function notice(key, values) {
    var box = $('notice');
    clear(box);
    if (!key) return;
    LANGUAGES.forEach(function (language) { add(box, 'p', fill(WORDS[language][key], values || {}), language === 'ja' ? null : language); });
  }
  function time(ms) { return new Date(ms).toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }); }
  function render(s) {
    $('number').textContent = s.number;
    LANGUAGES.forEach(function (language) { $(IDS[language]).textContent = s.words[language]; more(language, s); });
    var steps = $('steps');
    clear(steps);
    var at = STEPS.map(function (x) { return x.stage; }).indexOf(s.stage);
    STEPS.forEach(function (step, i) {
      var li = document.createElement('li');
      li.appendChild(document.createTextNode(step.ja + ' '));
      add(li, 'span', step.en, 'en');
      if (i === at && s.phase !== 'completed') {
        li.className = 'now';
        li.setAttribute('aria-current', 'step');
        add(li, 'span', 'いまここ / Now', null).className = 'here';
      } else if (i < at || s.phase === 'completed') {
        add(li, 'span', '済み / Done', null).className = 'here';
      }
      steps.appendChild(li);
    });
    var dl = $('facts');
    clear(dl);
    if (s.ahead !== null) {
      fact(dl, '前に待っている人', s.ahead + ' 人');
      var e = s.estimatedWaitMinutes;
      fact(dl, '待ち時間の目安', !e ? 'まだ計れません' : e.low === e.high ? 'あと約 ' + e.low + ' 分' : 'あと約 ' + e.low + '〜' + e.high + ' 分');
    }
    document.body.dataset.phase = s.phase;
    var updated = $('updated');
    clear(updated);
    updated.appendChild(document.createTextNode(time(s.updatedAt) + ' 現在（自動で更新します） '));
    add(updated, 'span', 'as of ' + time(s.updatedAt) + ', updates by itself', 'en');
  }
  var last = 0;
  var timer = null;
  var timerAt = 0;
  var notBefore = 0;
  // One timer: the earlier of what is already planned and this.
  function later(ms) {
    var at = Date.now() + Math.max(0, ms);
    if (timer && timerAt <= at) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(function () { timer = null; refresh(); }, at - Date.now());
  }
  // A doorbell or the poll: read now, or as soon as the last read is GAP old.
  function poke() {
    var wait = Math.max(last + GAP, notBefore) - Date.now();
    if (wait <= 0) { clearTimeout(timer); timer = null; refresh(); }
    else later(wait);
  }
  function refresh() {
    if (!/^[A-Z]-\\d{3,5}$/.test(number)) {
      say('invalidNumber');
      $('updated').textContent = '';
      return;
    }
    last = Date.now();
    fetch('/v1/status/' + number, { cache: 'no-store' })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, status: r.status, retry: r.headers.get('retry-after'), body: j }; }); })
      .then(function (r) {
        if (r.ok) { notice(null); render(r.body); return; }
        if (r.status === 429) {
          // Over the limit: say so, keep what is shown, read again when the wait is over.
          var seconds = Math.max(1, parseInt(r.retry, 10) || 60);
          notBefore = Date.now() + seconds * 1000;
          notice('tooMany', { seconds: seconds });
          document.body.dataset.limited = String(seconds);
          return;
        }
        $('number').textContent = number;
        notice(null);
        say(r.body.error.code === 'office/not-found' ? 'notFound' : 'retrying');
        clear($('steps'));
        clear($('facts'));
        document.body.dataset.phase = 'unknown';
        $('updated').textContent = '';
      })
      .catch(function () {
        $('updated').textContent = '更新できません（再試行します） / Cannot update, retrying';
      })
      .then(function () { later(Math.max(POLL, notBefore - Date.now())); });
  }
  refresh();
  if ('EventSource' in window) new EventSource('/v1/stream').addEventListener('seq', poke);
})();
`;

export const PAGE_SCRIPTS: Readonly<Record<string, string>> = {
  '/page-common.js': COMMON_SCRIPT,
  '/sign-in.js': SIGN_IN_SCRIPT,
  '/reception.js': RECEPTION_SCRIPT,
  '/window.js': WINDOW_SCRIPT,
  '/ticket-status.js': TICKET_STATUS_SCRIPT,
};
