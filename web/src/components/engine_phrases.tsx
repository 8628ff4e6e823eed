// The engine's reasons and warnings in the reader's language. The engine says each one twice: as
// an English sentence (for API clients) and as phrases, message codes with parameters, which are
// rendered here from the kb catalogue ("phrase.<code>"). Numbers are formatted for the locale,
// material and species ids are shown by name, and every filled-in value is isolated (<bdi>) so
// formulas and numbers read correctly inside Arabic text.
import i18next from 'i18next';
import type { JSX } from 'preact';
import { currentLanguage, formatNumber, kb } from '../i18n';
import { EngineText } from './any_value';

export interface Phrase {
  code: string;
  params?: Record<string, number | string>;
}

/** True for a well-formed list of phrases as the engine sends them. */
export function isPhraseList(value: unknown): value is Phrase[] {
  return (
    Array.isArray(value) &&
    value.every(
      (p) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as Phrase).code === 'string' &&
        ((p as Phrase).params === undefined || typeof (p as Phrase).params === 'object'),
    )
  );
}

/** The raw template of a phrase in the reader's language; undefined when none has it. */
function template(code: string): string | undefined {
  for (const lang of [currentLanguage(), 'en']) {
    const text = i18next.getResource(lang, 'kb', `phrase.${code}`) as unknown;
    if (typeof text === 'string') return text;
  }
  return undefined;
}

/** Ids in a parameter ("HCl, HF") shown by name, as a list in the reader's language. */
function names(kind: string, ids: string): string {
  const parts = ids
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .map((id) => kb(kind, id, id));
  return new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(parts);
}

/** A parameter's value as the reader sees it. */
export function paramText(name: string, value: number | string): string {
  if (typeof value === 'number') return formatNumber(value, 4);
  if (name === 'material') return kb('material', value, value);
  if (name === 'group') return kb('rate_group', value, kb('material', value, value));
  if (name === 'species' || name === 'oxidizer') return names('species', value);
  return value;
}

/** The text of one phrase with its values (for tests and plain-text uses); undefined if unknown. */
export function phraseText(phrase: Phrase): string | undefined {
  const text = template(phrase.code);
  if (text === undefined) return undefined;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = phrase.params?.[name];
    return value === undefined ? whole : paramText(name, value);
  });
}

/** Phrases joined with the language's separator; undefined if any phrase is unknown. */
export function phrasesText(phrases: Phrase[]): string | undefined {
  const texts = phrases.map(phraseText);
  if (phrases.length === 0 || texts.some((t) => t === undefined)) return undefined;
  return texts.join(template('separator') ?? '; ');
}

function PhraseParts({ phrase }: { phrase: Phrase }): JSX.Element {
  const text = template(phrase.code) ?? '';
  const parts = text.split(/\{\{(\w+)\}\}/);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return part;
        const value = phrase.params?.[part];
        return <bdi key={i}>{value === undefined ? part : paramText(part, value)}</bdi>;
      })}
    </>
  );
}

/**
 * An explanation from the engine: its phrases in the reader's language when the catalogue has
 * them all, else the English sentence as the engine wrote it (marked as English).
 */
export function EngineExplanation(props: { phrases?: unknown; english?: unknown }) {
  const { phrases, english } = props;
  if (isPhraseList(phrases) && phrasesText(phrases) !== undefined) {
    const separator = template('separator') ?? '; ';
    return (
      <span data-testid="engine-phrases">
        {phrases.map((p, i) => (
          <span key={i}>
            {i > 0 && separator}
            <PhraseParts phrase={p} />
          </span>
        ))}
      </span>
    );
  }
  return typeof english === 'string' ? <EngineText text={english} /> : null;
}
