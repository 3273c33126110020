import { errorJson, exitCodeOf, isKioskError, KioskError } from '../../domain/errors.ts';

/** Contract every `npm run kiosk -- <command>` subcommand implements. */
export interface CliIo {
  /** Reads all of standard input (used for PINs so they never appear on a command line). */
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliCommand {
  /** Words that select this command, e.g. ['readers'] or ['queue', 'add']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Prints a value as one line of JSON (the CLI's machine-readable contract). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}

/**
 * Reports a failure the one way every command does: one JSON line with `--json`, otherwise the
 * Japanese and English lines on stderr; returns the catalogue's exit code. Only KioskErrors are
 * shown: any other error is rethrown, because its text might carry data from deep inside.
 */
export function reportError(io: CliIo, json: boolean, error: unknown): number {
  if (!isKioskError(error)) throw error;
  if (json) printJson(io, errorJson(error));
  else io.stderr(`${error.message}\n${error.messageEn} [${error.code}]\n`);
  return exitCodeOf(error);
}

/** A wrong command line: `message` names options only, never values. */
export function usageError(message: string): KioskError {
  return new KioskError('cli/usage', { ja: `使い方が正しくありません: ${message}`, en: `usage error: ${message}` });
}

/**
 * node:util parseArgs failures as a usage error. Node's own message quotes what was typed (an
 * unexpected positional argument could be a PIN or a name typed on the wrong line), so only the
 * option's name is ever repeated. Anything else returns null.
 */
export function parseArgsUsage(error: unknown): KioskError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return null;
  const option = /'(--?[A-Za-z][\w-]*)/.exec((error as Error).message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return usageError('unexpected argument (not repeated here)');
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return usageError(option ? `unknown option ${option}` : 'unknown option');
  return usageError(option ? `option ${option} is missing its value or takes none` : 'invalid option value');
}
