// `kiosk queue add|list|show|advance|stats|seed|purge|check`: the request queue from a terminal.
// Resident data for `queue add` is read from standard input (JSON), never from the command line,
// so it cannot land in shell history or the process list.
import { parseArgs } from 'node:util';
import { printJson, usageError, type CliCommand, type CliIo } from '../command.ts';
import { dayOption, dbOptions, guarded, instantOption, intOption, withKiosk } from './queue-printing-support.ts';
import { loadDefinitions } from '../../../forms/index.ts';
import { addDays, officeDay } from '../../../domain/office-time.ts';
import { eventKinds } from '../../queue/lifecycle.ts';
import type { RequestSummary } from '../../queue/queue-service.ts';

/** Forms by their titles, as supervisors see them (statistics store form ids). */
function formTitle(formId: string): string {
  return loadDefinitions().get(formId)?.title ?? formId;
}

function line(r: RequestSummary): string {
  return `${r.ticket.padEnd(7)} ${r.state.padEnd(13)} ${r.category.padEnd(13)} ${r.forms.join('+') || '-'}  ${r.id}`;
}

const add: CliCommand = {
  path: ['queue', 'add'],
  summary: 'issue a ticket (resident data as JSON on stdin)',
  async run(args: string[], io: CliIo) {
    return guarded(io, args.includes('--json'), async () => {
      const { values } = parseArgs({
        args,
        options: { ...dbOptions, category: { type: 'string' }, forms: { type: 'string' } },
        strict: true,
      });
      const category = values.category;
      if (!category) throw usageError('--category <id|letter> is required');
      const text = await io.readStdin();
      let resident: unknown;
      try {
        resident = JSON.parse(text);
      } catch {
        throw usageError('standard input must be the resident data as JSON');
      }
      return withKiosk(values, (k) => {
        const forms = (values.forms ?? '')
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean);
        const request = k.queue.enqueue({ category, forms, resident });
        if (values.json) printJson(io, request);
        else io.stdout(`受付番号 ${request.ticket}  (${request.id})\n`);
        return 0;
      });
    });
  },
};

const list: CliCommand = {
  path: ['queue', 'list'],
  summary: 'list waiting requests (--day D for a whole day)',
  async run(args, io) {
    return guarded(io, args.includes('--json'), () => {
      const { values } = parseArgs({ args, options: { ...dbOptions, day: { type: 'string' }, limit: { type: 'string' } }, strict: true });
      const day = dayOption(values.day, '--day');
      const limit = intOption(values.limit, '--limit', 1000, 1);
      if (values.limit !== undefined && !day) throw usageError('--limit goes with --day');
      return withKiosk(
        values,
        (k) => {
          // One row more than asked tells whether the day has more than the limit.
          const rows = day ? k.queue.ofDay(day, limit + 1) : k.queue.live();
          const truncated = day !== undefined && rows.length > limit;
          const requests = truncated ? rows.slice(0, limit) : rows;
          if (values.json) printJson(io, day ? { requests, truncated, limit } : { requests });
          else {
            io.stdout(requests.map(line).join('\n') + (requests.length ? '\n' : '(なし / none)\n'));
            if (truncated)
              io.stderr(
                `${limit} 件で打ち切りました。続きは --limit ${limit * 10} のように増やしてください / stopped at ${limit} requests: raise --limit to see more\n`,
              );
          }
          return 0;
        },
        undefined,
        'read',
      );
    });
  },
};

const show: CliCommand = {
  path: ['queue', 'show'],
  summary: 'one request and its events (no personal data)',
  async run(args, io) {
    return guarded(io, args.includes('--json'), () => {
      const { values, positionals } = parseArgs({
        args,
        options: { ...dbOptions, day: { type: 'string' } },
        strict: true,
        allowPositionals: true,
      });
      if (positionals.length !== 1) throw usageError('queue show <id|ticket>');
      const day = dayOption(values.day, '--day');
      return withKiosk(
        values,
        (k) => {
          const request = k.queue.get(positionals[0]!, day);
          const events = k.queue.events(request.id);
          if (values.json) printJson(io, { request, events });
          else
            io.stdout(
              `${line(request)}\n${events.map((e) => `  ${e.seq}. ${e.at} ${e.kind} ${e.counter ?? ''} ${e.staff ?? ''}`).join('\n')}\n`,
            );
          return 0;
        },
        undefined,
        'read',
      );
    });
  },
};

const advance: CliCommand = {
  path: ['queue', 'advance'],
  summary: `record an event: ${eventKinds.slice(1).join('|')}`,
  async run(args, io) {
    return guarded(io, args.includes('--json'), () => {
      const { values, positionals } = parseArgs({
        args,
        options: { ...dbOptions, counter: { type: 'string' }, staff: { type: 'string' }, day: { type: 'string' } },
        strict: true,
        allowPositionals: true,
      });
      if (positionals.length !== 2) throw usageError('queue advance <id|ticket> <event> [--counter C] [--staff S]');
      const day = dayOption(values.day, '--day');
      return withKiosk(values, (k) => {
        const actor = { ...(values.counter ? { counter: values.counter } : {}), ...(values.staff ? { staffId: values.staff } : {}) };
        const request = k.queue.advance(positionals[0]!, positionals[1]!, actor, day);
        if (values.json) printJson(io, request);
        else io.stdout(`${line(request)}\n`);
        return 0;
      });
    });
  },
};

const stats: CliCommand = {
  path: ['queue', 'stats'],
  summary: 'supervisor statistics: now, today, --from/--to range',
  async run(args, io) {
    return guarded(io, args.includes('--json'), () => {
      const { values } = parseArgs({
        args,
        options: { ...dbOptions, from: { type: 'string' }, to: { type: 'string' }, 'target-minutes': { type: 'string' } },
        strict: true,
      });
      const from = dayOption(values.from, '--from');
      const to = dayOption(values.to, '--to');
      const targetMinutes = intOption(values['target-minutes'], '--target-minutes', 20, 1);
      return withKiosk(
        values,
        (k) => {
          const started = performance.now();
          const today = k.today();
          // The same report the supervisor screen gets; without a range, today (--to alone: the 365 days up to today).
          const report = k.statistics({
            from: from ?? (to ? addDays(today, -364) : today),
            to: to ?? today,
            targetMinutes,
            formTitle,
          });
          const elapsedMs = Math.round((performance.now() - started) * 100) / 100;
          if (values.json) printJson(io, { ...report, elapsedMs });
          else {
            const p = report.range;
            const m = (s: number | null) => (s === null ? '-' : `${(s / 60).toFixed(1)}分`);
            io.stdout(
              `いま: 待ち ${report.live.waiting} 人 / 処理中 ${report.live.inService} / 最長待ち ${m(report.live.longestWaitSeconds)}\n` +
                `${report.from}〜${report.to}: 受付 ${p.count} / 待ち 中央 ${m(p.waitMedian)} 90% ${m(p.waitP90)} / ` +
                `処理 中央 ${m(p.serviceMedian)} 90% ${m(p.serviceP90)} / ` +
                `${p.serviceLevelTargetMinutes}分以内 ${p.serviceLevelShare === null ? '-' : `${Math.round(p.serviceLevelShare * 100)}%`} / 不在 ${p.abandoned}\n` +
                `新規の推定待ち: ${m(report.estimateSeconds)} (${report.estimateMethod})\n`,
            );
          }
          return 0;
        },
        undefined,
        'read',
      );
    });
  },
};

const seed: CliCommand = {
  path: ['queue', 'seed'],
  summary: 'add synthetic past visits (load tests, benchmark)',
  async run(args, io) {
    return guarded(io, args.includes('--json'), () => {
      const { values } = parseArgs({
        args,
        options: { ...dbOptions, count: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' } },
        strict: true,
      });
      return withKiosk(values, (k) => {
        const started = performance.now();
        const result = k.seedHistory({
          count: intOption(values.count, '--count', 1000, 1),
          days: intOption(values.days, '--days', 365, 1),
          endDay: officeDay(values.now === undefined ? Date.now() : instantOption(values.now, '--now')),
          seed: intOption(values.seed, '--seed', 42),
        });
        const elapsedMs = Math.round(performance.now() - started);
        if (values.json) printJson(io, { ...result, elapsedMs });
        else io.stdout(`${result.requests} 件を ${result.days} 日に投入 (${elapsedMs} ms)\n`);
        return 0;
      });
    });
  },
};

const purge: CliCommand = {
  path: ['queue', 'purge'],
  summary: 'erase personal data of requests finished > retention days ago',
  async run(args, io) {
    return guarded(io, args.includes('--json'), () => {
      const { values } = parseArgs({ args, options: { ...dbOptions, 'retention-days': { type: 'string' } }, strict: true });
      const retention = intOption(values['retention-days'], '--retention-days', 7, 0);
      return withKiosk(
        values,
        (k) => {
          const result = k.queue.purgeExpired();
          if (values.json) printJson(io, { ...result, retentionDays: retention });
          else io.stdout(`${result.purged} 件の個人情報を消去しました (${result.before} より前に完了)\n`);
          return 0;
        },
        retention,
      );
    });
  },
};

const check: CliCommand = {
  path: ['queue', 'check'],
  summary: 'integrity check and re-derivation of every state from its events',
  async run(args, io) {
    return guarded(io, args.includes('--json'), () => {
      const { values } = parseArgs({ args, options: dbOptions, strict: true });
      return withKiosk(
        values,
        (k) => {
          // Recorded: a healthy result clears the finding that refused writes (after a restore).
          const integrity = k.checkAndGuard();
          const verify = k.queue.verify();
          const ok = integrity === 'ok' && verify.problems.length === 0;
          if (values.json) printJson(io, { ok, integrity, checked: verify.checked, problems: verify.problems.slice(0, 100) });
          else io.stdout(`${ok ? 'OK' : 'NG'}: integrity ${integrity}, ${verify.checked} 件検査, 問題 ${verify.problems.length} 件\n`);
          return ok ? 0 : 6;
        },
        undefined,
        'read',
      );
    });
  },
};

const closeDay: CliCommand = {
  path: ['queue', 'close-day'],
  summary: 'the office has closed: abandon requests still open (reason day-closed), so retention erases them',
  async run(args, io) {
    return guarded(io, args.includes('--json'), () => {
      const { values } = parseArgs({ args, options: { ...dbOptions, 'closing-time': { type: 'string' } }, strict: true });
      return withKiosk(values, (k) => {
        const closingTime = values['closing-time'] ?? process.env.KIOSK_CLOSING_TIME;
        const result = k.queue.closeDay(closingTime === undefined ? {} : { closingTime });
        if (values.json) printJson(io, { ...result, closingTime: closingTime ?? k.queue.closingTime });
        else io.stdout(`${result.abandoned} 件の未完了の申請を閉庁により終了しました (day-closed)\n`);
        return 0;
      });
    });
  },
};

export const commands: CliCommand[] = [add, list, show, advance, stats, seed, purge, check, closeDay];
