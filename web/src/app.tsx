// The application shell: skip link, header with role-aware navigation grouped by task (one
// disclosure per group, so the menu stays short on a phone), language switcher and notification
// badge, and the current page (each page is its own lazily loaded chunk).
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  LANGUAGES,
  LANGUAGE_NAMES,
  currentLanguage,
  isLanguage,
  onLanguageChanged,
  setLanguage,
  subscribeLanguage,
  t,
} from './i18n';
import { navigate, onLinkClick, useLocation } from './lib/router';
import { logout, useSession, type Me } from './lib/session';
import { refreshUnread, setUnreadCount, useUnreadCount } from './lib/unread';
import { findPage, navMenu } from './routes';

/** The unread count for the header badge: refreshed on navigation, and set at once by the inbox
 *  page when the reader marks notices read. */
function useUnread(me: Me | null, path: string): number {
  const unread = useUnreadCount();
  useEffect(() => {
    if (!me) setUnreadCount(0);
    else void refreshUnread();
  }, [me, path]);
  return unread;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(
    typeof navigator === 'undefined' || navigator.onLine !== false,
  );
  useEffect(() => {
    const update = () => setOnline(navigator.onLine !== false);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

function PageView({ path }: { path: string }) {
  const [page, setPage] = useState<{ path: string; Component: ComponentType } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const load = findPage(path)?.load ?? (() => import('./pages/not_found'));
    let live = true;
    setFailed(false);
    load()
      .then((m) => live && setPage({ path, Component: m.default }))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [path]);
  if (failed) return <p role="alert">{t('error.page_load')}</p>;
  if (!page || page.path !== path) return <p aria-live="polite">{t('common.loading')}</p>;
  const { Component } = page;
  return <Component />;
}

export function App() {
  // Bumped on language change: every component re-renders and re-translates, keeping its state.
  const [, setLanguageTick] = useState(0);
  useEffect(() => subscribeLanguage(() => setLanguageTick((n) => n + 1)), []);
  const { path } = useLocation();
  const { me } = useSession();
  const unread = useUnread(me, path);
  const online = useOnline();
  const [menuOpen, setMenuOpen] = useState(false);
  const [openGroup, setOpenGroup] = useState<string | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    setMenuOpen(false);
    setOpenGroup(null);
    if (first.current) {
      first.current = false;
      return;
    }
    // Move focus to the new page so keyboard and screen-reader users land on it.
    mainRef.current?.focus();
    window.scrollTo(0, 0);
  }, [path]);

  const menu = navMenu(me);
  const link = (href: string, label: string, extra?: preact.ComponentChildren) => (
    <a
      href={href}
      onClick={onLinkClick}
      aria-current={path === href ? 'page' : undefined}
      class={path === href ? 'active' : undefined}
    >
      {label}
      {extra}
    </a>
  );

  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="site-header">
        <div class="header-bar">
          <a class="brand" href="/" onClick={onLinkClick}>
            <img src="/icons/icon.svg" alt="" width={32} height={32} />
            <span>Rutile</span>
          </a>
          <div class="header-tools">
            {me && (
              <a
                class="inbox-link"
                href="/inbox"
                onClick={onLinkClick}
                aria-label={t('nav.inbox_count', { count: unread })}
              >
                <span aria-hidden="true">{t('nav.inbox')}</span>
                {unread > 0 && (
                  <span class="badge" aria-hidden="true">
                    {unread}
                  </span>
                )}
              </a>
            )}
            <label class="visually-hidden" for="language">
              {t('nav.language')}
            </label>
            <select
              id="language"
              value={currentLanguage()}
              onChange={async (e) => {
                const v = e.currentTarget.value;
                if (isLanguage(v)) {
                  await setLanguage(v);
                  onLanguageChanged();
                }
              }}
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="site-nav"
              onClick={() => setMenuOpen(!menuOpen)}
            >
              {t('nav.menu')}
            </button>
          </div>
        </div>
        <nav
          id="site-nav"
          class={menuOpen ? 'open' : undefined}
          aria-label={t('nav.main')}
          onKeyDown={(e) => {
            // Escape closes the open group and returns focus to its heading.
            if (e.key !== 'Escape' || openGroup === null) return;
            const summary = document.getElementById(`nav-group-${openGroup}`);
            setOpenGroup(null);
            summary?.focus();
          }}
        >
          <ul class="nav-top">
            {menu.top.map((i) => (
              <li key={i.path}>{link(i.path, t(i.labelKey))}</li>
            ))}
          </ul>
          {menu.groups.map(({ group, items }) => {
            const current = items.some((i) => i.path === path);
            return (
              <details
                key={group}
                class={current ? 'nav-group current' : 'nav-group'}
                open={openGroup === group}
                onToggle={(e) => {
                  const isOpen = e.currentTarget.open;
                  if (isOpen) setOpenGroup(group);
                  else if (openGroup === group) setOpenGroup(null);
                }}
              >
                <summary id={`nav-group-${group}`} data-testid={`nav-group-${group}`}>
                  {t(`nav.group.${group}`)}
                </summary>
                <ul>
                  {items.map((i) => (
                    <li key={i.path}>{link(i.path, t(i.labelKey))}</li>
                  ))}
                </ul>
              </details>
            );
          })}
          {me && (
            <ul class="nav-top">
              <li>
                <button
                  type="button"
                  class="link-button"
                  onClick={async () => {
                    await logout();
                    navigate('/');
                  }}
                >
                  {t('nav.logout')}
                </button>
              </li>
            </ul>
          )}
        </nav>
      </header>
      {!online && (
        <p class="offline-banner" role="status">
          {t('nav.offline')}
        </p>
      )}
      <main id="main" tabIndex={-1} ref={mainRef}>
        <PageView path={path} />
      </main>
      <footer class="site-footer">
        <p>{t('footer.text')}</p>
      </footer>
    </>
  );
}
