// Log in with e-mail and password; the server sets the HttpOnly session cookie.
import { useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import {
  currentLanguage,
  hasStoredLanguage,
  isLanguage,
  onLanguageChanged,
  setLanguage,
  t,
} from '../i18n';
import { fieldErrors, post, type Problem } from '../lib/api';
import { navigate, onLinkClick } from '../lib/router';
import { refreshSession } from '../lib/session';

/** The page to return to after logging in (`?next=/path`), only when it is a path of this app. */
export function nextPath(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : null;
}

export default function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);

  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    const r = await post<unknown>('/api/v1/auth/login', { email, password });
    if (!r.ok) {
      setBusy(false);
      setProblem(r.problem);
      return;
    }
    const me = await refreshSession(true);
    // The account's language applies when this browser has no explicit choice yet.
    const preferred = me?.user.language;
    if (!hasStoredLanguage() && isLanguage(preferred) && preferred !== currentLanguage()) {
      await setLanguage(preferred);
      onLanguageChanged();
    }
    setBusy(false);
    navigate(nextPath(location.search) ?? '/org');
  }

  return (
    <>
      <h1>{t('login.title')}</h1>
      <form noValidate onSubmit={submit} aria-busy={busy}>
        <Field id="login-email" label={t('auth.email')} error={errors.email}>
          <input
            id="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            {...describedBy('login-email', errors.email)}
          />
        </Field>
        <Field id="login-password" label={t('auth.password')} error={errors.password}>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            {...describedBy('login-password', errors.password)}
          />
        </Field>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </div>
      </form>
      <ProblemBox problem={problem} />
      <p>
        {t('login.no_account')}{' '}
        <a href="/register" onClick={onLinkClick}>
          {t('nav.register')}
        </a>
      </p>
    </>
  );
}
