import { t } from '../i18n';
import { onLinkClick } from '../lib/router';

export default function NotFoundPage() {
  return (
    <>
      <h1>{t('notfound.title')}</h1>
      <p>
        <a href="/" onClick={onLinkClick}>
          {t('notfound.home')}
        </a>
      </p>
    </>
  );
}
