// Threat: a packaged app that can be turned into a plain Node.js (ELECTRON_RUN_AS_NODE, NODE_OPTIONS,
// --inspect) or made to load code from outside its archive runs anybody's code with the app's access
// to the database key and the card reader. The fuses are burnt into the binary by electron-builder
// from electron-builder.yml (no Electron download here, so the packaged binary is not read: this
// asserts the configuration that produces it, and that nothing else — a package.json "build" key, an
// afterPack/afterSign hook — overrides or rewrites it). ASAR integrity is enforced by Electron on
// macOS and Windows only: on Linux the fuse is set but not checked (docs/operations.md).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const root = new URL('../../', import.meta.url);

interface BuilderConfig {
  electronFuses?: Record<string, boolean>;
  afterPack?: unknown;
  afterSign?: unknown;
  afterAllArtifactBuild?: unknown;
}

const config = yaml.load(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Record<string, unknown>;

describe('Electron fuses in the packaging configuration', () => {
  const required: Record<string, { fuse: FuseV1Options; value: boolean }> = {
    runAsNode: { fuse: FuseV1Options.RunAsNode, value: false },
    enableNodeCliInspectArguments: { fuse: FuseV1Options.EnableNodeCliInspectArguments, value: false },
    enableNodeOptionsEnvironmentVariable: { fuse: FuseV1Options.EnableNodeOptionsEnvironmentVariable, value: false },
    onlyLoadAppFromAsar: { fuse: FuseV1Options.OnlyLoadAppFromAsar, value: true },
    enableEmbeddedAsarIntegrityValidation: { fuse: FuseV1Options.EnableEmbeddedAsarIntegrityValidation, value: true },
  };

  it.each(Object.entries(required))('%s is set as required', (key, { fuse, value }) => {
    // The key is electron-builder's name for the @electron/fuses option (a typo would be ignored silently).
    expect(typeof fuse).toBe('number');
    expect(config.electronFuses?.[key], key).toBe(value);
  });

  it('the app is packed in an ASAR archive (without one the ASAR fuses protect nothing)', () => {
    expect((config as { asar?: unknown }).asar).toBe(true);
  });

  it('nothing else configures the build or rewrites the fuses after packing', () => {
    expect(packageJson.build).toBeUndefined();
    expect(config.afterPack ?? null).toBeNull();
    expect(config.afterSign ?? null).toBeNull();
    expect(config.afterAllArtifactBuild ?? null).toBeNull();
    const scripts = packageJson.scripts as Record<string, string>;
    expect(scripts.dist).toMatch(/electron-builder --config electron-builder\.yml$/);
  });
});
