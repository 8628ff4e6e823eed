// Region and industry names from the server's catalogue (/api/v1/regions), in the reader's
// language: fetched once per page load and shared; codes are shown only while names load.
import { useEffect, useState } from 'preact/hooks';
import { currentLanguage } from '../i18n';
import { get } from './api';

interface Named {
  names?: Record<string, string>;
  name?: string;
}
interface Catalogue {
  regions: Array<Named & { code: string }>;
  industries?: Array<Named & { id: string }>;
}

let loading: Promise<Catalogue | null> | null = null;

function load(): Promise<Catalogue | null> {
  loading ??= get<Catalogue>('/api/v1/regions').then((r) => (r.ok ? r.value : null));
  return loading;
}

const pick = (n: Named | undefined) => n?.names?.[currentLanguage()] ?? n?.names?.en ?? n?.name;

/** Functions naming a region code or an industry id in the reader's language. */
export function useCatalogueNames(): {
  region: (code: string) => string;
  industry: (id: string) => string;
} {
  const [cat, setCat] = useState<Catalogue | null>(null);
  useEffect(() => {
    let live = true;
    void load().then((c) => live && setCat(c));
    return () => {
      live = false;
    };
  }, []);
  return {
    region: (code) => pick(cat?.regions.find((r) => r.code === code)) ?? code,
    industry: (id) => pick(cat?.industries?.find((i) => i.id === id)) ?? id,
  };
}
