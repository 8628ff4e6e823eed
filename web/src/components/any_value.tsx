// Renders an engine value of loosely known shape (string, number, list, object) readably,
// translating coded strings and keys when the kb namespace knows them.
import { formatNumber, hasKb, kb, t } from '../i18n';
import i18next from 'i18next';

export function humanize(id: string): string {
  const s = id.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function fieldLabel(key: string): string {
  const k = `field.${key}`;
  return i18next.exists(k, { ns: 'ui' }) ? t(k) : humanize(key);
}

/** A coded text (reason, limit, mitigation) translated when known, else shown as given. */
export function codedText(value: string): string {
  return hasKb('text', value) ? kb('text', value) : value;
}

/**
 * A text from the engine: translated when coded, else shown as written (English), marked with
 * lang="en" and its own direction so it reads correctly inside Arabic text.
 */
export function EngineText({ text }: { text: string }) {
  if (hasKb('text', text)) return <>{kb('text', text)}</>;
  return (
    <span lang="en" dir="auto">
      {text}
    </span>
  );
}

export function AnyValue({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return <EngineText text={value} />;
  // Integers are often identifiers or timestamps: shown without grouping separators.
  if (typeof value === 'number') {
    return <>{Number.isInteger(value) ? String(value) : formatNumber(value, 3)}</>;
  }
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return (
      <ul>
        {(value as unknown[]).map((v, i) => (
          <li key={i}>
            <AnyValue value={v} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    // Coded objects: {code, message} or {id, text}.
    const code = obj.code ?? obj.id;
    if (typeof code === 'string' && hasKb('text', code)) return <>{kb('text', code)}</>;
    if (typeof obj.text === 'string' && Object.keys(obj).length <= 2)
      return <EngineText text={obj.text} />;
    if (typeof obj.message === 'string' && Object.keys(obj).length <= 2) {
      return <EngineText text={obj.message} />;
    }
    const entries = Object.entries(obj).filter(([, v]) => v !== null && v !== undefined);
    return (
      <dl class="kv">
        {entries.map(([k, v]) => (
          <div key={k}>
            <dt>{fieldLabel(k)}</dt>
            <dd>
              <AnyValue value={v} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  // Every JSON value is handled above; of the rest only a bigint reads as a value.
  return typeof value === 'bigint' ? <>{value.toString()}</> : null;
}
