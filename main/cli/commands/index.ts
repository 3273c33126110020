import type { CliCommand } from '../command.ts';

type CommandModule = { commands: CliCommand[] };

/**
 * Every CLI command module, keyed by the first word of the commands it serves. Only the
 * module a command line needs is imported, so `kiosk queue …` does not load the PC/SC addon
 * or the fonts. Add a command by writing a module that exports `commands` and listing its
 * first word(s) here.
 */
const MODULES: Record<string, () => Promise<CommandModule>> = {
  readers: () => import('./card.ts'),
  'read-card': () => import('./card.ts'),
  'virtual-card': () => import('./card.ts'),
  forms: () => import('./forms.ts'),
  queue: () => import('./queue.ts'),
  printers: () => import('./printing.ts'),
  print: () => import('./printing.ts'),
  'print-jobs': () => import('./printing.ts'),
  reprint: () => import('./printing.ts'),
  staff: () => import('./staff.ts'),
  audit: () => import('./staff.ts'),
};

/** The commands that can serve `firstWord`, or all of them (for the usage text). */
export async function loadCommands(firstWord?: string): Promise<CliCommand[]> {
  const loader = firstWord === undefined ? undefined : MODULES[firstWord];
  const loaders = loader ? [loader] : [...new Set(Object.values(MODULES))];
  const modules = await Promise.all(loaders.map((load) => load()));
  return [...new Set(modules.flatMap((m) => m.commands))];
}
