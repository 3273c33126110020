import { describe, expect, it } from 'vitest';
import { dispatch, IpcRequestError } from '../../../main/ipc/registry.ts';
import { createHandlers } from '../../../main/app-handlers.ts';

const handlers = createHandlers({ name: '書かない窓口', version: '0.1.0', demoMode: true });

describe('IPC dispatch', () => {
  it('answers a valid request through the handler and validates the response', async () => {
    await expect(dispatch(handlers, 'app:info', {})).resolves.toEqual({ name: '書かない窓口', version: '0.1.0', demoMode: true });
  });

  it('refuses channels outside the contract', async () => {
    await expect(dispatch(handlers, 'fs:read', {})).rejects.toMatchObject({ code: 'unknown-channel' });
  });

  it('refuses extra fields without echoing their values', async () => {
    const error = await dispatch(handlers, 'app:info', { name: '髙橋　𠮷太郎' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcRequestError);
    expect((error as IpcRequestError).code).toBe('invalid-request');
    expect((error as IpcRequestError).message).not.toContain('髙橋');
  });

  it('refuses a handler response that breaks the contract', async () => {
    const broken = { ...handlers, 'app:info': () => ({ name: 'x', version: 1 }) } as unknown as typeof handlers;
    await expect(dispatch(broken, 'app:info', {})).rejects.toThrow();
  });
});
