// The published waiting status as a page (/status): per category, how many wait, the numbers being
// called, and the estimated wait as a range. It reads /v1/status (counts, ticket numbers and
// minutes only) every 15 s and whenever the doorbell rings. Japanese first, English second.

import { ONE_FETCH_AT_A_TIME } from './page-script.ts';
import { html, LANGUAGE_FONTS_CSS, PAGE_LANGUAGES, STATUS_PAGE_WORDS, type StatusPageWords } from './resident-words.ts';

/** A heading in Japanese, then in each other language on a line of its own, each marked with its lang. */
function heading(key: keyof StatusPageWords): string {
  return [
    html(STATUS_PAGE_WORDS.ja[key]),
    ...PAGE_LANGUAGES.filter((l) => l !== 'ja').map((l) => `<span lang="${l}" class="alt">${html(STATUS_PAGE_WORDS[l][key])}</span>`),
  ].join(' ');
}

export const STATUS_PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${STATUS_PAGE_WORDS.ja.title} / ${STATUS_PAGE_WORDS.en.title}</title>
<style>
  body { margin: 0; padding: 1rem; font-family: "BIZ UDGothic", "Noto Sans CJK JP", sans-serif; color: #111; background: #fff; font-size: 1.25rem; }
  h1 { font-size: 1.8rem; margin: 0 0 0.5rem; }
  table { border-collapse: collapse; width: 100%; max-width: 60rem; }
  th, td { border: 1px solid #666; padding: 0.6rem 0.8rem; text-align: left; vertical-align: top; }
  th { background: #eef1f4; }
  td.n { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  [lang="en"] { color: #333; }
  .alt { display: block; font-size: 0.8em; font-weight: 400; color: #333; }
  h1 .alt { font-size: 0.6em; }
  :lang(en) { font-family: "BIZ UDPGothic", "BIZ UDGothic", sans-serif; }
  ${LANGUAGE_FONTS_CSS}
  #updated { margin-top: 0.8rem; }
</style>
</head>
<body>
<main>
  <h1>${heading('title')}</h1>
  <table>
    <thead>
      <tr>
        <th scope="col">${heading('procedure')}</th>
        <th scope="col">${heading('waiting')}</th>
        <th scope="col">${heading('calling')}</th>
        <th scope="col">${heading('estimate')}</th>
      </tr>
    </thead>
    <tbody id="rows"></tbody>
  </table>
  <p id="updated" role="status">読み込み中 <span lang="en">Loading</span></p>
</main>
<script src="/status.js"></script>
</body>
</html>
`;

export const STATUS_SCRIPT = `'use strict';
(function () {
  function cell(row, text, cls) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text;
    row.appendChild(td);
    return td;
  }
  ${ONE_FETCH_AT_A_TIME}
  var refresh = oneAtATime(function () {
    return fetch('/v1/status', { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (status) {
        var body = document.getElementById('rows');
        body.textContent = '';
        status.categories.forEach(function (c) {
          var tr = document.createElement('tr');
          var th = document.createElement('th');
          th.scope = 'row';
          th.textContent = c.letter + '　' + c.label;
          tr.appendChild(th);
          cell(tr, c.waiting + ' 人', 'n');
          cell(tr, c.calling.length ? c.calling.join('、') : '―');
          var e = c.estimatedWaitMinutes;
          cell(tr, e ? (e.low === e.high ? '約 ' + e.low + ' 分' : e.low + '〜' + e.high + ' 分') + ' / ' + e.low + '-' + e.high + ' min' : '―');
          body.appendChild(tr);
        });
        var at = new Date(status.updatedAt);
        document.getElementById('updated').textContent =
          at.toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }) + ' 現在 / as of ' +
          at.toLocaleTimeString('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
      })
      .catch(function () {
        document.getElementById('updated').textContent = '更新できません（再試行します） / Cannot update, retrying';
      });
  });
  refresh();
  setInterval(refresh, 15000);
  if ('EventSource' in window) new EventSource('/v1/stream').addEventListener('seq', refresh);
})();
`;
