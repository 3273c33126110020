// `npm run bench -- forms-render [--runs N]`: the full form set for a 4-person 転入 household,
// ours (pdf-lib + HarfBuzz subsets) against equivalent HTML forms printed by headless Chromium
// (playwright-core + /usr/bin/chromium page.pdf), cold and warm, in the same run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as FormsModule from '../forms/index.ts';
import type * as LayoutsModule from '../forms/templates/layouts.ts';
import type * as ContextModule from '../forms/pdf/context.ts';
import type { Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..');
const HOUSEHOLD = join(ROOT, 'forms', 'examples', 'tennyu-4.json');
const FONT = '/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    runs: { type: 'string', default: '10' },
    'child-cold': { type: 'boolean', default: false },
    // Modules imported and preloadForms() run (fonts, templates, one fictional warm-up render), as the
    // app does at start-up; then the first resident household.
    'child-cold-cache': { type: 'boolean', default: false },
  },
  strict: true,
});

async function loadForms() {
  return import(pathToFileURL(join(ROOT, 'forms', 'index.ts')).href) as Promise<typeof FormsModule>;
}

if (values['child-cold'] || values['child-cold-cache']) {
  // Fresh process. --child-cold: module import, font loading, subsetting and rendering all count.
  // --child-cold-cache: modules already imported (as in a running app), empty font/template caches.
  let t0 = performance.now();
  const forms = await loadForms();
  if (values['child-cold-cache']) {
    await forms.preloadForms();
    t0 = performance.now();
  }
  const v = forms.validateHousehold(JSON.parse(readFileSync(HOUSEHOLD, 'utf8')));
  if (!v.ok) throw new Error('example household invalid');
  await forms.renderFormSet(v.household, { reference: 'R-BENCH-0001' });
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0 }));
  process.exit(0);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const runs = Math.max(3, Number(values.runs));

const forms = await loadForms();
const { LAYOUTS } = (await import(pathToFileURL(join(ROOT, 'forms', 'templates', 'layouts.ts')).href)) as typeof LayoutsModule;
const { householdBaseValues, procedureValues, memberValues } = (await import(
  pathToFileURL(join(ROOT, 'forms', 'pdf', 'context.ts')).href
)) as typeof ContextModule;
const v = forms.validateHousehold(JSON.parse(readFileSync(HOUSEHOLD, 'utf8')));
if (!v.ok) throw new Error('example household invalid');
const household = v.household;

// ---- Chromium: the same forms as HTML (same layouts, same values), one page.pdf per form + a combined file
const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
function formHtml(formId: string): string {
  const layout = LAYOUTS.find((l) => l.id === formId)!;
  const decision = forms.decideProcedures(household).find((d) => d.formId === formId)!;
  const members = household.members.map((m) => memberValues(m, household.move.date));
  const hv = procedureValues(household, members, householdBaseValues(household, members), decision).household;
  const val = (bind: string, mv?: Record<string, string>): string =>
    bind.startsWith('literal:') ? bind.slice(8) : ((mv ?? hv)[bind] ?? '');
  // A bound label (it differs by move kind) is printed from its binding, as the form engine does.
  const label = (l: string | { bind: string }): string => (typeof l === 'string' ? l : val(l.bind));
  let body = `<h1>${esc(layout.title)}</h1><p class="sub">${esc(label(layout.subtitle))}</p>`;
  for (const b of layout.blocks) {
    if ('heading' in b && b.heading) body += `<h2>■ ${esc(b.heading)}</h2>`;
    if ('fields' in b) {
      body += `<div class="row">${b.fields.map((f) => `<div class="box" style="flex:${f.span}"><span class="l">${esc(label(f.label))}</span><span class="v">${esc(val(f.bind))}</span></div>`).join('')}</div>`;
    } else if ('handwrite' in b) {
      body += `<div class="row">${b.handwrite.map((f) => `<div class="box sign" style="flex:${f.span}"><span class="l">${esc(f.label)}</span><span class="m">${f.kind === 'office' ? '' : 'ご署名ください'}</span></div>`).join('')}</div>`;
    } else if ('table' in b) {
      const subjects = decision.subjects;
      for (let r = 0; r < b.table.rows; r++) {
        const m = subjects[r] !== undefined ? memberValues(household.members[subjects[r]!]!, household.move.date) : undefined;
        body += `<div class="row">${b.table.columns.map((c) => `<div class="box" style="flex:${c.width}"><span class="l">${esc(c.label)}</span><span class="v">${m && c.bind ? esc(val(c.bind, m)) : ''}</span></div>`).join('')}</div>`;
      }
    }
  }
  return `<section>${body}<footer>受付番号 R-BENCH-0001　${esc(layout.title)}</footer></section>`;
}
const css = `@font-face{font-family:BIZ;src:url(${pathToFileURL(FONT).href})}
@page{size:A4;margin:12.7mm}body{font-family:BIZ;margin:0}section{page-break-after:always;position:relative;height:270mm}
h1{font-size:18pt;text-align:center;margin:0}p.sub{font-size:8.5pt;text-align:center;margin:2pt 0 8pt}h2{font-size:9pt;margin:4pt 0 2pt}
.row{display:flex;margin-bottom:3pt}.box{border:0.6pt solid #000;min-height:30pt;padding:1pt 2pt;box-sizing:border-box}
.l{display:block;font-size:6.5pt;color:#444}.v{font-size:10pt}.sign{min-height:40pt;border-style:dashed}.m{font-size:8pt}
footer{position:absolute;bottom:0;font-size:7pt}`;
const chosen = forms
  .decideProcedures(household)
  .filter((d) => d.included && d.formId)
  .map((d) => d.formId!);
const page = (sections: string): string =>
  `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>${css}</style></head><body>${sections}</body></html>`;
const htmlPerForm = chosen.map((id) => page(formHtml(id)));
const htmlCombined = page(chosen.map(formHtml).join(''));

const { chromium } = await import('playwright-core');
const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
async function chromiumSet(p: Page): Promise<{ forms: Buffer[]; combined: Buffer }> {
  const out: Buffer[] = [];
  for (const html of htmlPerForm) {
    await p.setContent(html, { waitUntil: 'load' });
    out.push(await p.pdf({ format: 'A4', printBackground: true }));
  }
  await p.setContent(htmlCombined, { waitUntil: 'load' });
  return { forms: out, combined: await p.pdf({ format: 'A4', printBackground: true }) };
}
// ---- measurements. Cold: alternating fresh processes and fresh browsers.
function coldChild(flag: string): number {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', import.meta.filename, flag], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cold child failed (${r.status})`);
  return (JSON.parse(r.stdout) as { ms: number }).ms;
}
async function chromiumCold(): Promise<number> {
  const t = performance.now();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
  const p = await browser.newPage();
  chromiumOut = await chromiumSet(p);
  const ms = performance.now() - t;
  await browser.close();
  return ms;
}
let chromiumOut: { forms: Buffer[]; combined: Buffer } = { forms: [], combined: Buffer.alloc(0) };
const coldOurs: number[] = [];
const coldCacheOurs: number[] = [];
const coldChromium: number[] = [];
for (let i = 0; i < 3; i++) {
  coldOurs.push(coldChild('--child-cold'));
  coldChromium.push(await chromiumCold());
  coldCacheOurs.push(coldChild('--child-cold-cache'));
}

// Warm: ours, then Chromium, then ours again (medians over both blocks), so a drift in machine
// load affects both routes, while Chromium's processes are never alive during our runs.
let ours = await forms.renderFormSet(household, { reference: 'R-BENCH-0001' });
await forms.renderFormSet(household, { reference: 'R-BENCH-0001' });
const warmOurs: number[] = [];
async function oursBlock(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    ours = await forms.renderFormSet(household, { reference: 'R-BENCH-0001' });
    warmOurs.push(performance.now() - t);
  }
}
await oursBlock(Math.ceil(runs / 2));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
const bp = await browser.newPage();
await chromiumSet(bp);
const warmChromium: number[] = [];
for (let i = 0; i < Math.min(runs, 6); i++) {
  const t = performance.now();
  chromiumOut = await chromiumSet(bp);
  warmChromium.push(performance.now() - t);
}
await browser.close();
await oursBlock(Math.floor(runs / 2));

const sum = (xs: { length: number }[]): number => xs.reduce((s, x) => s + x.length, 0);
const result = {
  household: '4-person 転入 (forms/examples/tennyu-4.json)',
  forms: chosen.length,
  ours: {
    coldMs: Math.round(median(coldOurs)),
    coldAfterImportMs: Math.round(median(coldCacheOurs)),
    warmMs: Math.round(median(warmOurs) * 10) / 10,
    perFormBytes: sum(ours.forms.map((f) => f.pdf)),
    combinedBytes: ours.combined.length,
  },
  chromium: {
    coldMs: Math.round(median(coldChromium)),
    warmMs: Math.round(median(warmChromium)),
    perFormBytes: sum(chromiumOut.forms),
    combinedBytes: chromiumOut.combined.length,
  },
  ratio: {
    cold: Math.round((median(coldChromium) / median(coldOurs)) * 10) / 10,
    coldAfterImport: Math.round((median(coldChromium) / median(coldCacheOurs)) * 10) / 10,
    warm: Math.round((median(warmChromium) / median(warmOurs)) * 10) / 10,
  },
  runs: { oursWarm: warmOurs.length, oursCold: coldOurs.length, chromiumWarm: warmChromium.length, chromiumCold: coldChromium.length },
};
console.log(`forms-render: ${result.forms} forms, 4-person 転入`);
console.log(
  `  ours      cold ${result.ours.coldMs} ms (fresh process incl. module import; first household after start-up preloadForms() ${result.ours.coldAfterImportMs} ms)  warm ${result.ours.warmMs} ms  per-form total ${result.ours.perFormBytes} B  combined ${result.ours.combinedBytes} B`,
);
console.log(
  `  chromium  cold ${result.chromium.coldMs} ms  warm ${result.chromium.warmMs} ms  per-form total ${result.chromium.perFormBytes} B  combined ${result.chromium.combinedBytes} B`,
);
console.log(
  `  speed-up  cold ${result.ratio.cold}x (first household after start-up ${result.ratio.coldAfterImport}x)  warm ${result.ratio.warm}x (Chromium time / ours)`,
);
console.log(JSON.stringify(result));
