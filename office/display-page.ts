// The hall call display, served by the office service at /display (full screen in an Electron
// window or any browser on the hall's screen). It shows the number being called and the counter in
// very large type, Japanese first and English second, and the last six calls. Every new call is
// announced one at a time, never overlapping: a visual announcement (a banner with the words of the
// call, held for several seconds, for residents who cannot hear it) at the same moment as a chime
// and, once sound is switched on, speech in Japanese then English. It reads /v1/display (numbers
// and counters only, never names) whenever the SSE doorbell rings, and polls as a fallback.

import { ONE_FETCH_AT_A_TIME } from './page-script.ts';

export const DISPLAY_PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>呼出表示 / Now calling</title>
<style>
  :root { color-scheme: dark; --bg: #101418; --fg: #ffffff; --muted: #d6dde4; --accent: #ffd54a; }
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; background: var(--bg); color: var(--fg);
    font-family: "BIZ UDGothic", "BIZ UDPGothic", "Noto Sans CJK JP", sans-serif; }
  main { overflow: hidden; display: grid; grid-template-columns: 3fr 2fr; grid-template-rows: 1fr auto; gap: 2vw; height: 100%; padding: 2vw; }
  #current { grid-row: 1; grid-column: 1; display: flex; flex-direction: column; justify-content: center; align-items: center;
    border: 0.6vw solid transparent; border-radius: 2vw; text-align: center; padding: 2vw; }
  #current.announcing { border-color: var(--accent); background: #2a2410; }
  .label { font-size: 3.2vw; margin: 0; color: var(--muted); }
  .badge { display: inline-block; font-size: 2.6vw; margin: 0 0 1vw; padding: 0.3vw 1.5vw; border-radius: 1vw;
    background: var(--accent); color: #101418; font-weight: 700; visibility: hidden; }
  #current.announcing .badge { visibility: visible; }
  #number { font-size: min(16vw, 30vh); line-height: 1.05; font-weight: 700; margin: 1vw 0; letter-spacing: 0.02em;
    font-variant-numeric: tabular-nums; }
  #counter { font-size: 4.4vw; margin: 0; font-weight: 700; }
  #counter-en { font-size: 2.6vw; margin: 0.5vw 0 0; color: var(--muted); }
  #caption-en { font-size: 2.1vw; margin: 0.4vw 0 0; color: var(--muted); }
  #caption { font-size: 2.1vw; margin: 1.2vw 0 0; }
  #recent-box { grid-row: 1; grid-column: 2; }
  h2 { font-size: 2.4vw; margin: 0 0 1vw; color: var(--muted); font-weight: 400; }
  ol { list-style: none; margin: 0; padding: 0; }
  li { display: flex; justify-content: space-between; align-items: baseline; gap: 1vw; font-size: 4.2vw; font-weight: 700;
    border-bottom: 0.2vw solid #3a4450; padding: 0.8vw 0.5vw; font-variant-numeric: tabular-nums; }
  li > span:first-child { white-space: nowrap; }
  li .where { font-size: 2.6vw; font-weight: 400; color: var(--muted); text-align: right; }
  footer { grid-row: 2; grid-column: 1 / span 2; display: flex; justify-content: space-between; align-items: center; font-size: 1.6vw; color: var(--muted); }
  button { font: inherit; font-size: 1.6vw; padding: 0.6vw 1.4vw; border-radius: 0.8vw; border: 0.2vw solid var(--muted); background: #1d252d; color: var(--fg); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>
</head>
<body>
<main>
  <h1 class="visually-hidden">呼出表示 <span lang="en">Now calling</span></h1>
  <section id="current" aria-live="assertive" aria-atomic="true" aria-labelledby="current-label">
    <p class="badge" id="badge">呼出中 <span lang="en">Calling</span></p>
    <p class="label" id="current-label">ただいまの呼出番号 <span lang="en">Now calling</span></p>
    <p id="number">―</p>
    <p id="counter">お待ちください</p>
    <p id="counter-en" lang="en">Please wait</p>
    <p id="caption"></p>
    <p id="caption-en" lang="en"></p>
  </section>
  <section id="recent-box" aria-labelledby="recent-title">
    <h2 id="recent-title">これまでの呼出 <span lang="en">Recent calls</span></h2>
    <ol id="recent"></ol>
  </section>
  <footer>
    <button type="button" id="sound" aria-pressed="false">音声案内を入れる <span lang="en">Turn on voice</span></button>
    <span id="link" role="status">接続しています <span lang="en">Connecting</span></span>
  </footer>
</main>
<script src="/display.js"></script>
</body>
</html>
`;

export const DISPLAY_SCRIPT = `'use strict';
(function () {
  var params = new URLSearchParams(location.search);
  // How long each call stays announced before the next one (ms); a later call waits its turn.
  var HOLD = Number(params.get('hold') || 8000);
  var POLL = Number(params.get('poll') || 10000);
  var KANA = { A: 'エー', B: 'ビー', C: 'シー', D: 'ディー', E: 'イー', F: 'エフ' };
  var lastSeq = null;
  var queue = [];
  var busy = false;
  var sound = params.get('sound') === '1';
  var audio = null;

  function $(id) { return document.getElementById(id); }
  function where(counter) {
    return /^[0-9]+$/.test(counter)
      ? { ja: counter + '番窓口', en: 'Counter ' + counter }
      : { ja: '窓口 ' + counter, en: 'Counter ' + counter };
  }
  function words(call) {
    var letter = call.number.charAt(0);
    var n = String(Number(call.number.slice(2)));
    var w = where(call.counter);
    return {
      ja: (KANA[letter] || letter) + ' ' + n + '番の方、' + w.ja + 'へお越しください。',
      en: 'Number ' + letter + ' ' + n + ', please go to ' + w.en.toLowerCase() + '.',
      shownJa: call.number + ' 番の方、' + w.ja + 'へお越しください。' + (call.recall ? '（再呼出）' : ''),
      shownEn: 'Number ' + call.number + ', please go to ' + w.en + '.' + (call.recall ? ' (called again)' : ''),
    };
  }
  function showCurrent(call) {
    var w = where(call.counter);
    $('number').textContent = call.number;
    $('counter').textContent = w.ja + 'へ';
    $('counter-en').textContent = 'Please go to ' + w.en;
  }
  function showRecent(calls) {
    var list = $('recent');
    list.textContent = '';
    calls.slice(0, 6).forEach(function (call) {
      var w = where(call.counter);
      var li = document.createElement('li');
      var number = document.createElement('span');
      number.textContent = call.number;
      var at = document.createElement('span');
      at.className = 'where';
      at.textContent = w.ja + ' / ' + w.en;
      li.appendChild(number);
      li.appendChild(at);
      list.appendChild(li);
    });
  }
  function chime() {
    if (!sound) return;
    try {
      audio = audio || new AudioContext();
      [659.3, 523.3].forEach(function (f, i) {
        var o = audio.createOscillator();
        var g = audio.createGain();
        o.frequency.value = f;
        g.gain.setValueAtTime(0.0001, audio.currentTime + i * 0.45);
        g.gain.exponentialRampToValueAtTime(0.3, audio.currentTime + i * 0.45 + 0.03);
        g.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + i * 0.45 + 0.9);
        o.connect(g).connect(audio.destination);
        o.start(audio.currentTime + i * 0.45);
        o.stop(audio.currentTime + i * 0.45 + 1);
      });
    } catch (e) { /* no audio device: the screen still announces */ }
  }
  function speak(text, lang) {
    if (!sound || !('speechSynthesis' in window)) return;
    var u = new SpeechSynthesisUtterance(text);
    u.lang = lang;
    u.rate = 0.9;
    speechSynthesis.speak(u);
  }
  function next() {
    var call = queue.shift();
    if (!call) { busy = false; $('current').classList.remove('announcing'); return; }
    busy = true;
    var w = words(call);
    showCurrent(call);
    $('caption').textContent = w.shownJa;
    $('caption-en').textContent = w.shownEn;
    $('current').classList.add('announcing');
    document.body.dataset.announced = String(call.seq);
    chime();
    setTimeout(function () { speak(w.ja, 'ja-JP'); speak(w.en, 'en-US'); }, sound ? 1000 : 0);
    setTimeout(next, HOLD);
  }
  ${ONE_FETCH_AT_A_TIME}
  var refresh = oneAtATime(function () {
    return fetch('/v1/display', { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (view) {
        setLink(true);
        showRecent(view.calls);
        if (lastSeq === null) {
          // On start: show the latest call without announcing the past again.
          if (view.calls[0]) showCurrent(view.calls[0]);
          lastSeq = view.calls[0] ? view.calls[0].seq : 0;
          return;
        }
        var fresh = view.calls.filter(function (c) { return c.seq > lastSeq; }).reverse();
        fresh.forEach(function (c) { queue.push(c); lastSeq = Math.max(lastSeq, c.seq); });
        if (!busy && queue.length) next();
      })
      .catch(function () { setLink(false); });
  });
  function setLink(ok) {
    $('link').innerHTML = ok ? '接続中 <span lang="en">Connected</span>' : '接続が切れています（再接続します） <span lang="en">Disconnected, retrying</span>';
    document.body.dataset.link = ok ? 'up' : 'down';
  }
  $('sound').addEventListener('click', function () {
    sound = !sound;
    this.setAttribute('aria-pressed', String(sound));
    this.innerHTML = sound ? '音声案内を切る <span lang="en">Turn off voice</span>' : '音声案内を入れる <span lang="en">Turn on voice</span>';
    if (sound) chime();
  });
  refresh().then(function () {
    if ('EventSource' in window) {
      var stream = new EventSource('/v1/stream');
      stream.addEventListener('seq', refresh);
      stream.onerror = function () { setLink(false); };
    }
    setInterval(refresh, POLL);
  });
})();
`;
