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
