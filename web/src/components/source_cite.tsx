// A source as people read it: the publication's name, cited in its own language and isolated
// from the surrounding text direction; a file path of this repository becomes "Rutile's
// knowledge base" in the reader's language.
import { t } from '../i18n';

/** True for a repository path ("knowledge/engine/materials.json"), never a publication's name. */
export function isRepositoryPath(source: string): boolean {
  return /^(knowledge|src|docs|data|web|tests)\/\S+$|^\S+\.(json|md|csv|yaml|yml|txt)$/.test(
    source.trim(),
  );
}

/** The language a cited title is written in, from its script. */
export function citeLanguage(source: string): string {
  if (/[\u4e00-\u9fff]/.test(source)) return 'zh';
  if (/[\u0600-\u06ff]/.test(source)) return 'ar';
  return 'en';
}

/** A part of a citation: its words, or a web address shown by its host name. */
export type CitePart = { text: string } | { url: string; host: string };

/**
 * The citation with each web address as a part of its own, so a page shows the publication's
 * name and a short link ("azom.com") instead of a long address that overflows a phone.
 */
export function citeParts(source: string): CitePart[] {
  const parts: CitePart[] = [];
  let rest = source;
  for (let m = /https?:\/\/[^\s,;)]+/.exec(rest); m; m = /https?:\/\/[^\s,;)]+/.exec(rest)) {
    if (m.index > 0) parts.push({ text: rest.slice(0, m.index) });
    let host = m[0];
    try {
      host = new URL(m[0]).hostname.replace(/^www\./, '');
    } catch {
      // Not a valid address: shown as written.
    }
    parts.push({ url: m[0], host });
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) parts.push({ text: rest });
  return parts;
}

export function SourceCite({ source }: { source: string }) {
  if (isRepositoryPath(source)) return <span>{t('labels:misc.knowledge_base')}</span>;
  return (
    <bdi>
      <cite lang={citeLanguage(source)}>
        {citeParts(source).map((p, i) =>
          'url' in p ? (
            <a key={i} href={p.url} rel="noopener noreferrer" target="_blank">
              {p.host}
            </a>
          ) : (
            p.text
          ),
        )}
      </cite>
    </bdi>
  );
}
