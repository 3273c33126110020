import { defineConfig } from 'vitest/config';

// Two groups: fast unit tests run in parallel; tests that drive real shared components
// (pcscd + the virtual reader's TCP ports, cupsd, Chromium) are named *.int.test.ts and
// run one file at a time, after the unit group.
export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/**/*.int.test.ts'],
          environment: 'node',
          fileParallelism: false,
          // Real daemons and Chromium on a loaded 2-core machine: give polled UI checks time.
          expect: { poll: { timeout: 15_000 } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
