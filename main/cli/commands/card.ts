// Card commands: `readers`, `read-card`, and `virtual-card` (presents a simulated My Number
// card in pcscd's "Virtual PCD" reader for operators' checks and acceptance tests).
// PINs and 照合番号B are read as one line from standard input, never from argv, and zeroed.
import { parseArgs } from 'node:util';
import { type CliCommand, type CliIo, printJson, reportError, usageError } from '../command.ts';
import { KioskError } from '../../../domain/errors.ts';
import { readHiddenLine } from '../secret-input.ts';
import type { CardReadResult, CardService, Unlock } from '../../../devices/card/card-service.ts';
import type { SmartCard } from '../../../devices/card/virtual/smart-card.ts';
import type { VpcdLink } from '../../../devices/card/virtual/vpcd-link.ts';

/**
 * First line of standard input as bytes, without the line end. Read straight from the stream
 * (not as a string) so the only copies are buffers this function zeroes.
 */
export async function readSecretLine(stream: NodeJS.ReadableStream = process.stdin, prompt?: (text: string) => void): Promise<Uint8Array> {
  const tty = stream as NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  if (tty.isTTY && typeof tty.setRawMode === 'function')
    return readHiddenLine(tty as NodeJS.ReadStream, {
      prompt: '暗証番号または照合番号B（表示されません）/ PIN or code B (hidden): ',
      write: prompt,
    });
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    total += buffer.length;
    if (buffer.includes(0x0a) || total > 256) break;
  }
  const all = Buffer.concat(chunks);
  for (const chunk of chunks) chunk.fill(0);
  let end = all.indexOf(0x0a);
  if (end < 0) end = all.length;
  while (end > 0 && (all[end - 1] === 0x0d || all[end - 1] === 0x20)) end--;
  const secret = Uint8Array.from(all.subarray(0, end));
  all.fill(0);
  return secret;
}

async function openService(demo: boolean, fixtureId: string | undefined): Promise<CardService> {
  const { loadCardPolicy } = await import('../../../devices/card/card-policy.ts');
  const policy = loadCardPolicy();
  if (!demo) {
    const { PcscCardService } = await import('../../../devices/card/pcsc-card-service.ts');
    return PcscCardService.open(policy);
  }
  const { DemoCardService } = await import('../../../devices/card/demo-card-service.ts');
  const { CARD_FIXTURES, cardFromFixture, findFixture } = await import('../../../devices/card/virtual/fixtures.ts');
  const service = new DemoCardService({ policy });
  const fixture = fixtureId ? findFixture(fixtureId) : CARD_FIXTURES[0];
  if (!fixture) throw new KioskError('card/no-card');
  service.insert(cardFromFixture(fixture));
  return service;
}

const DEMO_LABEL = '【デモモード / DEMO MODE】模擬カードのデータです（実在の住民ではありません）。\n';

const readers: CliCommand = {
  path: ['readers'],
  summary: 'カードリーダー一覧とカードの有無 / list card readers and card presence [--json] [--demo]',
  async run(args, io) {
    let values: { json?: boolean; demo?: boolean };
    try {
      ({ values } = parseArgs({ args, options: { json: { type: 'boolean' }, demo: { type: 'boolean' } }, strict: true }));
    } catch {
      return reportError(io, args.includes('--json'), usageError('usage: readers [--json] [--demo]'));
    }
    const json = values.json === true;
    let service: CardService | undefined;
    try {
      service = await openService(values.demo === true, undefined);
      const list = await service.listReaders();
      if (service.mode === 'demo') io.stderr(DEMO_LABEL);
      if (json) {
        printJson(io, service.mode === 'demo' ? { demo: true, readers: list } : { readers: list });
      } else if (list.length === 0) {
        io.stdout('カードリーダーがありません / no readers\n');
      } else {
        for (const r of list) io.stdout(`${r.name}\t${r.cardPresent ? 'カードあり / card present' : 'カードなし / empty'}\n`);
      }
      return 0;
    } catch (error) {
      return reportError(io, json, error);
    } finally {
      service?.close();
    }
  },
};

function printResult(io: CliIo, json: boolean, result: CardReadResult): void {
  const out: Record<string, unknown> = { name: result.name, address: result.address, birthDate: result.birthDate, sex: result.sex };
  if (result.individualNumber !== undefined) out.individualNumber = result.individualNumber;
  if (result.demo) out.demo = true;
  if (json) {
    printJson(io, out);
    return;
  }
  const lines = [
    `氏名 / name: ${result.name}`,
    `住所 / address: ${result.address}`,
    `生年月日 / birth date: ${result.birthDate}`,
    `性別 / sex: ${result.sex}`,
  ];
  if (result.individualNumber !== undefined) lines.push(`個人番号 / individual number: ${result.individualNumber}`);
  io.stdout(`${lines.join('\n')}\n`);
}

const readCard: CliCommand = {
  path: ['read-card'],
  summary:
    'マイナンバーカードの4情報を読む / read name, address, birth date, sex: --reader "<name>" [--unlock pin|code-b] [--with-number] [--allow-last-try] [--json] [--demo [--fixture id]] (secret on stdin)',
  async run(args, io) {
    let values: {
      reader?: string;
      unlock?: string;
      'with-number'?: boolean;
      'allow-last-try'?: boolean;
      json?: boolean;
      demo?: boolean;
      fixture?: string;
    };
    const json = args.includes('--json');
    try {
      ({ values } = parseArgs({
        args,
        options: {
          reader: { type: 'string' },
          unlock: { type: 'string', default: 'pin' },
          'with-number': { type: 'boolean' },
          'allow-last-try': { type: 'boolean' },
          json: { type: 'boolean' },
          demo: { type: 'boolean' },
          fixture: { type: 'string' },
        },
        strict: true,
      }));
    } catch {
      return reportError(
        io,
        json,
        usageError('usage: read-card --reader "<name>" [--unlock pin|code-b] [--with-number] [--allow-last-try] [--json]'),
      );
    }
    const demo = values.demo === true;
    if (values.unlock !== 'pin' && values.unlock !== 'code-b') return reportError(io, json, usageError('--unlock must be pin or code-b'));
    if (!values.reader && !demo) return reportError(io, json, usageError('--reader "<name>" is required (see `readers`)'));
    // The 個人番号 is never shown on a screen anyone can look at: to a file or a pipe only.
    if (values['with-number'] === true && process.stdout.isTTY)
      return reportError(
        io,
        json,
        usageError('--with-number の結果は端末に表示しません。ファイルかパイプに出力してください (not printed to a terminal)'),
      );
    let service: CardService | undefined;
    let secret: Uint8Array | undefined;
    try {
      service = await openService(demo, values.fixture);
      if (demo) io.stderr(DEMO_LABEL);
      const { DEMO_READER_NAME } = await import('../../../devices/card/demo-card-service.ts');
      const readerName = values.reader ?? DEMO_READER_NAME;
      secret = await readSecretLine(process.stdin, io.stderr);
      const unlock: Unlock = values.unlock === 'pin' ? { kind: 'pin', secret: secret } : { kind: 'code-b', secret: secret };
      const result = await service.readCard({
        reader: readerName,
        unlock,
        withIndividualNumber: values['with-number'] === true,
        allowLastTry: values['allow-last-try'] === true,
      });
      printResult(io, json, result);
      return 0;
    } catch (error) {
      return reportError(io, json, error);
    } finally {
      secret?.fill(0);
      service?.close();
    }
  },
};

const virtualCard: CliCommand = {
  path: ['virtual-card'],
  summary:
    "模擬マイナンバーカードを Virtual PCD に挿す（終了まで常駐）/ present a fixture card in pcscd's Virtual PCD: --fixture <id> [--slot 0|1] [--pin-tries n] [--blocked] … | --list",
  async run(args, io) {
    return runVirtualCard(args, io);
  },
};

async function runVirtualCard(args: string[], io: CliIo): Promise<number> {
  const usage =
    'usage: virtual-card --fixture <id> [--slot 0|1] [--pin-tries n] [--code-b-tries n] [--blocked] [--not-mynumber] [--no-short-ef] [--pull-after n] [--delay-ms n] [--host h] | virtual-card --list [--json]';
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        fixture: { type: 'string' },
        slot: { type: 'string', default: '0' },
        'pin-tries': { type: 'string' },
        'code-b-tries': { type: 'string' },
        blocked: { type: 'boolean' },
        'not-mynumber': { type: 'boolean' },
        'no-short-ef': { type: 'boolean' },
        'pull-after': { type: 'string' },
        'delay-ms': { type: 'string' },
        host: { type: 'string' },
        list: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch {
    return reportError(io, args.includes('--json'), usageError(usage));
  }
  const json = values.json === true;
  const { CARD_FIXTURES, cardFromFixture, findFixture, fixtureCodeB } = await import('../../../devices/card/virtual/fixtures.ts');
  if (values.list) {
    // Test fixtures only: invented people whose PINs and codes exist for checks like this.
    const rows = CARD_FIXTURES.map((f) => ({ id: f.id, note: f.note, pin: f.pin, codeB: fixtureCodeB(f) }));
    if (json) printJson(io, { fixtures: rows });
    else for (const r of rows) io.stdout(`${r.id}\tPIN ${r.pin}\t照合番号B ${r.codeB}\t${r.note}\n`);
    return 0;
  }
  const integer = (name: string, min: number, max: number): number | undefined | null => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return Number.isInteger(n) && n >= min && n <= max ? n : null;
  };
  const slot = integer('slot', 0, 1);
  const pinTries = values.blocked ? 0 : integer('pin-tries', 0, 3);
  const codeBTries = integer('code-b-tries', 0, 15);
  const pullAfter = integer('pull-after', 0, 1000);
  const delayMs = integer('delay-ms', 0, 10_000);
  if (slot === null || slot === undefined || pinTries === null || codeBTries === null || pullAfter === null || delayMs === null) {
    return reportError(io, json, usageError(usage));
  }
  const { OtherIsoCard } = await import('../../../devices/card/virtual/other-card.ts');
  const { VpcdLink: Link } = await import('../../../devices/card/virtual/vpcd-link.ts');
  let card: SmartCard;
  let label: string;
  if (values['not-mynumber']) {
    card = new OtherIsoCard();
    label = 'not-a-mynumber-card';
  } else {
    const fixture = typeof values.fixture === 'string' ? findFixture(values.fixture) : undefined;
    if (!fixture) return reportError(io, json, usageError(`${usage}\nfixtures: ${CARD_FIXTURES.map((f) => f.id).join(', ')}`));
    card = cardFromFixture(fixture, {
      pinTries,
      codeBTries,
      ...(values['no-short-ef'] ? { shortEfIds: false } : {}),
    });
    label = fixture.id;
  }
  const reader = `Virtual PCD 00 0${slot}`;
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  let stopping = false;
  let link: VpcdLink | undefined;
  const stop = (): void => {
    stopping = true;
    void link?.pull();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    // Stays inserted until killed; if pcscd restarts (vpcd drops the link) the card is re-inserted.
    let announced = false;
    while (!stopping) {
      try {
        link = await Link.insert(card, {
          slot: slot as 0 | 1,
          host,
          pullAfterApdus: pullAfter,
          responseDelayMs: delayMs,
        });
      } catch {
        if (!announced) {
          const port = 35963 + slot;
          return reportError(
            io,
            true,
            new KioskError('card/no-service', {
              ja: `vpcd (${host}:${port}) に接続できません。pcscd を起動してください。`,
              en: `Cannot reach vpcd at ${host}:${port}; start pcscd.`,
            }),
          );
        }
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (!announced) {
        announced = true;
        io.stderr(`模擬カード ${label} を ${reader} に挿しました（Ctrl+C で抜きます）/ virtual card inserted; Ctrl+C removes it\n`);
        printJson(io, { inserted: true, reader, fixture: label });
      }
      await link.closed;
      if (pullAfter !== undefined) break; // the scripted pull: stay out
      if (!stopping) await new Promise((r) => setTimeout(r, 500));
    }
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export const commands: CliCommand[] = [readers, readCard, virtualCard];
