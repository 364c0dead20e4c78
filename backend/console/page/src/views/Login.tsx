import { useState, type FormEvent, type ReactNode } from 'react';
import type { Me } from '../../../../../shared/fleet/console-api';
import { ApiFailure, login } from '../api';
import { useI18n } from '../i18n';

export function Login({ onLogin, langSwitch }: { onLogin: (me: Me) => void; langSwitch: ReactNode }): ReactNode {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    login(name, password).then(onLogin, (failure: unknown) => {
      setBusy(false);
      setPassword('');
      if (failure instanceof ApiFailure && failure.status === 401) setError(t('login.wrong'));
      else if (failure instanceof ApiFailure && failure.status === 429) setError(t('login.throttled'));
      else setError(t('common.unreachable'));
    });
  };

  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('app.title')}</h1>
        <p className="hint">{t('login.hint')}</p>
        <label>
          {t('login.name')}
          <input autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required data-testid="login-name" />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            data-testid="login-password"
          />
        </label>
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {busy ? t('common.loading') : t('login.submit')}
        </button>
        <div className="login-lang">{langSwitch}</div>
      </form>
    </main>
  );
}
