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

export function SourceCite({ source }: { source: string }) {
  if (isRepositoryPath(source)) return <span>{t('labels:misc.knowledge_base')}</span>;
  return (
    <bdi>
      <cite lang={citeLanguage(source)}>{source}</cite>
    </bdi>
  );
}
