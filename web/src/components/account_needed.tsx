// Shown to a visitor where a page offers something that needs an account: what the account
// adds, in the reader's language, and links to log in or register (instead of a form that fails).
import { t } from '../i18n';
import { onLinkClick } from '../lib/router';

export type AccountReason = 'submit_case' | 'apply_access' | 'propose_standard' | 'generic';

export function AccountNeeded({
  reason = 'generic',
  level = 2,
}: {
  reason?: AccountReason;
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const back = typeof location === 'undefined' ? '/' : location.pathname + location.search;
  return (
    <section class="account-needed" data-testid="account-needed">
      <Heading>{t(`nav.need_account.${reason}.title`)}</Heading>
      <p>{t(`nav.need_account.${reason}.text`)}</p>
      <p class="actions">
        <a
          class="button primary"
          href={`/login?next=${encodeURIComponent(back)}`}
          onClick={onLinkClick}
        >
          {t('nav.login')}
        </a>
        <a class="button" href="/register" onClick={onLinkClick}>
          {t('nav.register')}
        </a>
      </p>
    </section>
  );
}
