// Threats in the Electron shell, tested without Electron (no Electron binary here: `electron` is
// mocked, and the decisions are plain functions run under Node; the real safeStorage calls were
// not run). A second instance opening the same database; a master key "sealed" by safeStorage's
// basic_text backend (a fixed public key), and the override that allows it logged only to stderr,
// not in the audit log; an empty master.key left behind when sealing failed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSealedKeyProvider } from '../../main/crypto/key-provider.ts';
import { checkSecretStore } from '../../main/crypto/secret-store.ts';

const app = vi.hoisted(() => ({
  requestSingleInstanceLock: vi.fn(() => false),
  quit: vi.fn(),
  whenReady: vi.fn(() => new Promise(() => undefined)),
  enableSandbox: vi.fn(),
  on: vi.fn(),
  isPackaged: true,
  getPath: vi.fn(() => '/nonexistent/kiosk-user-data'),
  getVersion: vi.fn(() => '0.0.0'),
  getAppPath: vi.fn(() => '/nonexistent/kiosk-app'),
}));
const safeStorage = vi.hoisted(() => ({
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
}));
const createProductionServices = vi.hoisted(() => vi.fn());
vi.mock('electron', () => ({ app, Menu: { setApplicationMenu: vi.fn() }, safeStorage, dialog: { showErrorBox: vi.fn() } }));
vi.mock('../../main/app-handlers.ts', () => ({ createHandlers: vi.fn(() => ({})) }));
vi.mock('../../electron/protocol.ts', () => ({ registerAppScheme: vi.fn(), serveRenderer: vi.fn() }));
vi.mock('../../electron/security.ts', () => ({ hardenSession: vi.fn(), installAppHardening: vi.fn() }));
vi.mock('../../electron/ipc.ts', () => ({ forwardEvents: vi.fn(), registerIpc: vi.fn() }));
vi.mock('../../electron/windows.ts', () => ({
  createKioskWindow: vi.fn(() => ({ on: vi.fn(), isDestroyed: () => false, webContents: { id: 1 } })),
}));
vi.mock('../../main/services/production.ts', () => ({ createProductionServices }));

describe('Electron shell', () => {
  it('a second instance (single-instance lock refused) quits and starts nothing (two would open one database)', async () => {
    await import('../../electron/main.ts');
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
  });

  describe('the secret store behind safeStorage', () => {
    const linux = { platform: 'linux' as const, encryptionAvailable: true, allowInsecure: false };
    it('refuses basic_text (no protection) with a message for IT staff, Japanese first', () => {
      expect(() => checkSecretStore({ ...linux, backend: 'basic_text' })).toThrow(/鍵保管庫/);
      expect(() => checkSecretStore({ ...linux, backend: 'gnome_libsecret', encryptionAvailable: false })).toThrow(
        /KIOSK_ALLOW_INSECURE_KEYSTORE/,
      );
    });
    it('accepts a real keyring, and basic_text only with the explicit override (returned to be logged)', () => {
      expect(checkSecretStore({ ...linux, backend: 'gnome_libsecret' })).toBeNull();
      expect(checkSecretStore({ ...linux, backend: 'kwallet5' })).toBeNull();
      expect(checkSecretStore({ ...linux, backend: 'basic_text', allowInsecure: true })).toMatch(/INSECURE KEY STORE/);
      expect(checkSecretStore({ platform: 'win32', encryptionAvailable: true, backend: 'os', allowInsecure: false })).toBeNull();
    });
  });

  it('started over basic_text with KIOSK_ALLOW_INSECURE_KEYSTORE=1: the audit log records it at start (the backend only)', async () => {
    const record = vi.fn();
    createProductionServices.mockResolvedValue({ audit: { record }, counter: '3', events: {}, close: vi.fn() });
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    app.requestSingleInstanceLock.mockReturnValue(true);
    app.whenReady.mockImplementation(() => Promise.resolve());
    vi.stubEnv('KIOSK_ALLOW_INSECURE_KEYSTORE', '1');
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      vi.resetModules();
      await import('../../electron/main.ts');
      await vi.waitFor(() => expect(record).toHaveBeenCalled());
      expect(record.mock.calls).toEqual([
        [{ staffId: null, counter: '3', action: 'insecure-key-store', reference: null, detail: 'basic_text' }],
      ]);
      expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/INSECURE KEY STORE/));
    } finally {
      vi.unstubAllEnvs();
      stderr.mockRestore();
    }
  });

  describe('master.key', () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    it('is never left empty when sealing fails', () => {
      dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-seal-'));
      const path = join(dir, 'master.key');
      const failing = {
        seal: () => {
          throw new Error('Encryption is not available.');
        },
        unseal: (b: Buffer) => b,
      };
      expect(() => createSealedKeyProvider(path, failing)).toThrow();
      expect(existsSync(path)).toBe(false);
    });
  });
});
