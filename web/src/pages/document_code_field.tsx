// The standard document a proposal or an annex belongs to: a select over the released documents,
// set to the first one once they are loaded unless a document is already chosen.
import { useEffect, useState } from 'preact/hooks';
import { SelectField } from '../components/select_field';
import { get } from '../lib/api';
import { localText } from './clauses';
import type { StandardDocument } from './proposals_model';

export function DocumentCodeField({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
}) {
  const [docs, setDocs] = useState<StandardDocument[]>([]);
  useEffect(() => {
    void get<{ items: StandardDocument[] }>('/api/v1/standards').then((r) => {
      if (r.ok) setDocs(r.value.items);
    });
  }, []);
  const first = docs[0]?.code;
  useEffect(() => {
    if (first && !value) onChange(first);
  }, [first, value, onChange]);
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      onChange={onChange}
      options={docs.map((d) => [d.code, `${d.code} — ${localText(d.title).text}`] as const)}
      error={error}
    />
  );
}
