// The signed-in person's account: invitations, changing the password (every other session
// ends) and logging out everywhere.
import { useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { MyInvitations } from '../components/membership';
import { ProblemBox } from '../components/problem';
import { t } from '../i18n';
import { fieldErrors, post, type Problem } from '../lib/api';
import { navigate, onLinkClick } from '../lib/router';
import { refreshSession, useSession } from '../lib/session';

export default function AccountPage() {
  const { me, loaded } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState('');
  if (!me) {
    return (
      <>
        <h1>{t('members:account.title')}</h1>
        {loaded ? (
          <p>
            {t('members:account.sign_in')}{' '}
            <a href="/login" onClick={onLinkClick}>
              {t('nav.login')}
            </a>
          </p>
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </>
    );
  }

  async function change(ev: Event) {
    ev.preventDefault();
    setProblem(null);
    setStatus('');
    const r = await post<unknown>('/api/v1/me/password', {
      current_password: current,
      new_password: next,
    });
    if (!r.ok) return setProblem(r.problem);
    setCurrent('');
    setNext('');
    setStatus(t('members:account.changed'));
  }

  async function everywhere() {
    setProblem(null);
    const r = await post<unknown>('/api/v1/auth/logout-everywhere', {});
    if (!r.ok) return setProblem(r.problem);
    await refreshSession(true);
    navigate('/login');
  }

  const errors = fieldErrors(problem);
  return (
    <>
      <h1>{t('members:account.title')}</h1>
      <p>
        <bdi>{me.user.email}</bdi>
      </p>
      <MyInvitations />
      <section class="result-card" aria-labelledby="password-title">
        <h2 id="password-title">{t('members:account.password_title')}</h2>
        <p>{t('members:account.password_hint')}</p>
        <form noValidate onSubmit={change}>
          <Field
            id="acc-current"
            label={t('members:account.current')}
            error={errors.current_password}
          >
            <input
              id="acc-current"
              type="password"
              autocomplete="current-password"
              value={current}
              onInput={(e) => setCurrent(e.currentTarget.value)}
              {...describedBy('acc-current', errors.current_password)}
            />
          </Field>
          <Field id="acc-new" label={t('members:account.new')} error={errors.new_password}>
            <input
              id="acc-new"
              type="password"
              autocomplete="new-password"
              value={next}
              onInput={(e) => setNext(e.currentTarget.value)}
              {...describedBy('acc-new', errors.new_password)}
            />
          </Field>
          <div class="actions">
            <button type="submit" class="primary">
              {t('members:account.change')}
            </button>
          </div>
        </form>
        <p role="status">{status}</p>
      </section>
      <section class="result-card" aria-labelledby="everywhere-title">
        <h2 id="everywhere-title">{t('members:account.everywhere_title')}</h2>
        <p>{t('members:account.everywhere_hint')}</p>
        <div class="actions">
          <button type="button" onClick={() => void everywhere()}>
            {t('members:account.everywhere')}
          </button>
        </div>
      </section>
      <ProblemBox problem={problem} />
    </>
  );
}
