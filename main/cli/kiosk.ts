// Operator / IT command line: `npm run --silent kiosk -- <command> [options]`.
import { loadCommands } from './commands/index.ts';
import { parseArgsUsage, reportError, type CliIo } from './command.ts';
import { errorJson, exitCodeOf, isKioskError, KioskError } from '../../domain/errors.ts';
import { databaseError } from '../db/sqlite-errors.ts';
import { installCrashGuard } from '../crash-guard.ts';

// Everything this process creates is owner-only (0600 files, 0700 folders), whatever the parent's
// umask: a file created before its chmod (a new SQLite file, its -wal) is never readable by others.
process.umask(0o077);
// An error nobody caught is reported by its code or class only, never its message or stack.
installCrashGuard(() => process.exit(70));

/** Standard input is read up to this size, then refused before anything parses it (exit 2). */
const MAX_STDIN_BYTES = 1024 * 1024;

const io: CliIo = {
  async readStdin() {
    if (process.stdin.isTTY) process.stderr.write('> ');
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        total += (chunk as Buffer).length;
        if (total > MAX_STDIN_BYTES) {
          process.stdin.destroy();
          throw new KioskError('cli/usage', {
            ja: `標準入力が大きすぎます（上限 ${MAX_STDIN_BYTES / 1024 / 1024} MB）。入力するファイルを確認してください。`,
            en: `Standard input is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MB; refused before parsing.`,
          });
        }
      }
      return Buffer.concat(chunks).toString('utf8');
    } finally {
      for (const chunk of chunks) chunk.fill(0);
    }
  },
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

// A reader that stops early (`… | head`) closes the pipe: end quietly instead of crashing.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

async function main(argv: string[]): Promise<number> {
  let commands = await loadCommands(argv[0]);
  // Longest matching command path wins ("queue add" before "queue").
  const match = commands.filter((c) => c.path.every((word, i) => argv[i] === word)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!match) {
    commands = await loadCommands();
    const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(16)} ${c.summary}`);
    io.stderr(`使い方 / usage: npm run --silent kiosk -- <command> [options]\n${lines.join('\n')}\n`);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  return match.run(argv.slice(match.path.length), io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bad option from any command's parseArgs is a usage error (exit 2), not a crash. Its
    // message names the option only, never a value.
    const usage = parseArgsUsage(error);
    if (usage) {
      process.exitCode = reportError(io, true, usage);
      return;
    }
    // A known failure (a database fault, input refused before a command's own handler) keeps its code.
    const known = databaseError(error) ?? (isKioskError(error) ? error : null);
    if (known) {
      process.exitCode = reportError(io, process.argv.includes('--json'), known);
      return;
    }
    // Never print the error object itself: it may carry resident data in its message chain.
    // Its class name (e.g. SqliteError) tells IT staff where to look.
    const name = error instanceof Error ? error.name : 'Error';
    const internal = new KioskError('app/internal', { en: `Unexpected error (${name}).` });
    io.stderr(`${JSON.stringify(errorJson(internal))}\n`);
    process.exitCode = exitCodeOf(internal);
  },
);
