import type { CliCommand } from '../command.ts';

/**
 * Every CLI command, one module each. Add a command by writing a module that exports a
 * CliCommand and listing it here.
 */
export async function loadCommands(): Promise<CliCommand[]> {
  // Imported lazily so that `kiosk forms …` does not load the PC/SC addon and vice versa.
  const modules = await Promise.all([
    import('./card.ts'),
    import('./forms.ts'),
    import('./queue.ts'),
    import('./printing.ts'),
    import('./staff.ts'),
  ]);
  return modules.flatMap((m) => (m as { commands: CliCommand[] }).commands);
}
