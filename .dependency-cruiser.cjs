// The layers of the code base, checked by `npm run lint` (and so by `npm test`).
// Bottom to top: domain → devices, forms → main (db → crypto, audit → queue, stats, printing →
// services → ipc handlers → cli) → electron; the renderer sees only domain/ and the IPC contract;
// statistics/ (pure figures shared by main/stats and office/) sees only domain/;
// office/ (the office service, a process of its own) sees only domain/ and statistics/, and only tests load it.
// ARCHITECTURE.md explains why each boundary exists.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be changed or tested alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Folders are layers: if db/ uses queue/ and queue/ uses db/, neither is below the other.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'electron-only-in-shell',
      severity: 'error',
      comment:
        'electron/ is the thin shell and the only importer of electron; everything else runs on plain Node. Reading electron/package.json (the CI security gate takes the version from it) loads no Electron.',
      from: { pathNot: '^electron/' },
      // Resolved, `import 'electron'` is node_modules/electron/index.js (../<checkout>/node_modules/… when
      // node_modules is a symlink); unresolved (not installed) it stays the bare name.
      to: { path: '(^|/)node_modules/electron/|^electron$', pathNot: '(^|/)node_modules/electron/package[.]json$' },
    },
    {
      name: 'domain-is-the-floor',
      severity: 'error',
      comment: 'domain/ is the shared vocabulary and error model every layer imports; it imports no layer.',
      from: { path: '^domain/' },
      to: { path: '^(devices|forms|main|renderer|electron|office|demo|statistics)/' },
    },
    {
      name: 'statistics-stands-on-domain',
      severity: 'error',
      comment:
        'statistics/ is the pure computation of the supervisor figures (histograms, percentiles, the estimate, the floor view) that the counter (main/stats, SQLite) and the office service (office/floor.ts, PostgreSQL) must share so a median means the same on both; it does no I/O and imports domain/ only.',
      from: { path: '^statistics/' },
      to: { path: '^(devices|forms|main|renderer|electron|office|demo)/' },
    },
    {
      name: 'devices-stand-alone',
      severity: 'error',
      comment: 'devices/ (card, printer) depends on domain/ only: it must run in the CLI, the tests and the app alike.',
      from: { path: '^devices/' },
      to: { path: '^(forms|main|renderer|electron|office|demo|statistics)/' },
    },
    {
      name: 'forms-stand-alone',
      severity: 'error',
      comment: 'forms/ (model, rules, PDF) depends on domain/ only.',
      from: { path: '^forms/' },
      to: { path: '^(devices|main|renderer|electron|office|demo|statistics)/' },
    },
    {
      name: 'main-below-the-shell',
      severity: 'error',
      comment: 'main/ is the core; the shell and the renderer sit on top of it.',
      from: { path: '^main/' },
      to: { path: '^(renderer|electron|demo)/' },
    },
    {
      name: 'renderer-sees-only-the-contract',
      severity: 'error',
      comment: 'The renderer is untrusted UI: it may import the IPC contract (types and zod schemas) and domain/, nothing of the core.',
      from: { path: '^renderer/' },
      to: { path: '^(main|devices|forms|electron|office|demo|statistics)/', pathNot: '^main/ipc/(contract|channels)[.]ts$' },
    },
    {
      name: 'contract-is-data',
      severity: 'error',
      comment: 'The IPC contract is schemas only (it is bundled into the renderer and the preload).',
      from: { path: '^main/ipc/(contract|channels)[.]ts$' },
      to: { path: '^(main|devices|forms)/', pathNot: '^main/ipc/(contract|channels)[.]ts$' },
    },
    {
      name: 'db-is-the-bottom-of-main',
      severity: 'error',
      comment: 'main/db holds the connection, migrations and per-table queries; the services above it own the rules.',
      from: { path: '^main/db/' },
      to: { path: '^main/(?!db/)' },
    },
    {
      name: 'core-modules-below-services',
      severity: 'error',
      comment: 'queue, stats, printing, crypto, audit and auth know nothing of the counter session, IPC or the CLI.',
      from: { path: '^main/(queue|stats|printing|crypto|audit|auth)/' },
      to: { path: '^main/(services|ipc|cli)/|^main/app-handlers[.]ts$' },
    },
    {
      name: 'services-below-ipc',
      severity: 'error',
      comment: 'Services build the contract view models; the handler registry calls services, never the reverse.',
      from: { path: '^main/services/' },
      to: { path: '^main/(cli/|app-handlers[.]ts$|ipc/registry[.]ts$)' },
    },
    {
      name: 'cli-is-a-leaf',
      severity: 'error',
      comment: 'Nothing but the CLI entry point imports CLI commands.',
      from: { pathNot: '^(main/cli|tests)/' },
      to: { path: '^main/cli/' },
    },
    {
      name: 'office-stands-on-domain',
      severity: 'error',
      comment:
        'office/ is its own process (the office service on PostgreSQL): it shares the vocabulary in domain/ and the statistics computation in statistics/, nothing else of the app.',
      from: { path: '^office/' },
      to: { path: '^(devices|forms|main|renderer|electron|demo)/' },
    },
    {
      name: 'nothing-imports-office',
      severity: 'error',
      comment: 'Counters talk to the office service over HTTP, never by importing it; only its tests and benchmarks load it in process.',
      from: { pathNot: '^(office|tests|bench)/' },
      to: { path: '^office/' },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      comment: 'Product code never imports from tests/ or bench/.',
      from: { pathNot: '^(tests|bench)/' },
      to: { path: '^(tests|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules stays in the graph (not followed) so the rules can see what a module imports
    // from it: excluding it would hide `import 'electron'` from electron-only-in-shell.
    exclude: { path: '^(out|dist|test-output|[.]git)/|^[.]kiosk-data/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
