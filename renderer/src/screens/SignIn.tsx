// Staff sign-in (staff id + password, checked in main against scrypt hashes). The counter number is
// the machine's configuration, shown once signed in; the form never asks for it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffIdentity, UiError } from '../../../main/ipc/contract.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { asUiError, call } from '../kiosk.ts';

export function SignIn({ onSignedIn, note }: { onSignedIn(staff: StaffIdentity): void; note?: string | undefined }) {
  const { t } = useTranslation();
  const [staffId, setStaffId] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const staff = await call('auth:sign-in', { staffId, password });
      setPassword('');
      onSignedIn(staff);
    } catch (e) {
      setError(asUiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {note && <p>{note}</p>}
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t('signIn.staffId')}
          <input name="staffId" autoComplete="username" value={staffId} onChange={(e) => setStaffId(e.target.value)} required />
        </label>
        <label>
          {t('signIn.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('app.busy') : t('signIn.submit')}
        </button>
      </form>
      {error && <ErrorPanel error={error} />}
    </main>
  );
}
