// What the main process and the CLI say about an error nobody caught. Node's default (and
// Electron's dialog) prints the message and the stack, and a message from a library (pdf-lib,
// fontkit, pcsclite, zod) can quote the text it choked on: a resident's name or address would land
// in a log or on the screen. Only the error's code (a KioskError) or its class is said.
import { isKioskError } from '../domain/errors.ts';

/** The part of an uncaught error that may be shown or logged: its code, or its class name. */
export function crashSummary(error: unknown): string {
  if (isKioskError(error)) return error.code;
  if (error instanceof Error) return error.constructor.name || 'Error';
  return typeof error;
}

/**
 * Replaces the default reports of uncaught exceptions and unhandled rejections. `fatal` runs after
 * an uncaught exception (show a dialog, exit): the process is not left running in an unknown state.
 */
export function installCrashGuard(fatal: (summary: string) => void): void {
  process.on('uncaughtException', (error) => {
    const summary = crashSummary(error);
    process.stderr.write(`予期しないエラー / uncaught error: ${summary}\n`);
    fatal(summary);
  });
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`処理されなかったエラー / unhandled rejection: ${crashSummary(reason)}\n`);
  });
}
