// Home: what Rutile offers each kind of user, in plain words.
import { t } from '../i18n';
import { onLinkClick } from '../lib/router';

const AUDIENCES = [
  'visitor',
  'enterprise',
  'park',
  'association',
  'provider',
  'expert',
  'regulator',
];

export default function HomePage() {
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <p class="actions">
        <a class="button primary" href="/query" onClick={onLinkClick}>
          {t('home.cta_query')}
        </a>
        <a class="button" href="/register" onClick={onLinkClick}>
          {t('home.cta_register')}
        </a>
      </p>
      <h2>{t('home.audiences')}</h2>
      <ul class="cards">
        {AUDIENCES.map((a) => (
          <li key={a}>
            <h3>{t(`home.audience.${a}.title`)}</h3>
            <p>{t(`home.audience.${a}.text`)}</p>
          </li>
        ))}
      </ul>
      <h2>{t('home.offline_title')}</h2>
      <p>{t('home.offline_text')}</p>
    </>
  );
}
