// Server message codes ("problem.not_found", "field.required", "ledger.unknown_kind") rendered
// in the reader's language from the labels catalogue. The server's English title and detail are
// shown only on English pages; elsewhere an unknown code becomes a generic translated sentence
// plus the code itself.
import i18next from 'i18next';
import { currentLanguage, t } from '../i18n';
import type { FieldError, MessageParams, Problem } from './api';

const key = (code: string) => `labels:${code}`;

/** True when the catalogue has a text for the code. */
export function hasMessage(code: string | undefined): code is string {
  return !!code && /^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(code) && i18next.exists(key(code));
}

/** The code's text with its parameters; undefined when the catalogue has none. */
export function message(code: string | undefined, params?: MessageParams): string | undefined {
  return hasMessage(code) ? t(key(code), params) : undefined;
}

/** A field error's text for a person. */
export function fieldMessage(e: FieldError): string {
  return (
    message(e.code, e.params) ??
    (currentLanguage() === 'en' && e.message ? e.message : t('labels:field.invalid'))
  );
}

export interface ProblemText {
  title: string;
  detail?: string;
  /** A code the catalogue does not know, to show as is (in a <code> element). */
  code?: string;
}

/** "https://…/problems/permission-denied" -> "problem.permission_denied". */
function genericCode(p: Problem): string | undefined {
  const slug = p.type?.split('/').pop();
  if (slug) return `problem.${slug.replace(/-/g, '_')}`;
  return p.code?.startsWith('problem.') ? p.code : undefined;
}

/** What a person reads for a problem: a translated title and, when known, a translated detail. */
export function problemText(p: Problem): ProblemText {
  if (p.network) return { title: t('error.network') };
  // Made in this browser from translated texts already (no type, no code).
  if (!p.type && !p.code) return { title: p.title, detail: p.detail };
  const generic = genericCode(p);
  const title = message(generic) ?? t('labels:problem.generic');
  const specific = p.code && p.code !== generic ? p.code : undefined;
  const detail = message(specific, p.params);
  if (detail) return { title, detail };
  if (currentLanguage() === 'en') return { title, detail: p.detail };
  return specific ? { title, detail: t('labels:problem.see_code'), code: specific } : { title };
}
