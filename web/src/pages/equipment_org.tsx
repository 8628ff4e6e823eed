// The organization picker shared by the equipment dashboard and maintenance pages: the signed-in
// user's organizations, with a select only when there is more than one.
import { useEffect, useState } from 'preact/hooks';
import { SelectField } from '../components/select_field';
import { t } from '../i18n';
import { useSession } from '../lib/session';

/** The chosen organization id ('' while the session loads) and the picker to render. */
export function useOrgPicker(id: string) {
  const { me } = useSession();
  const orgs = me?.organizations ?? [];
  const first = orgs[0];
  const [orgId, setOrgId] = useState(first ? String(first.id) : '');
  useEffect(() => {
    if (!orgId && first) setOrgId(String(first.id));
  }, [orgId, first]);
  const picker =
    orgs.length > 1 ? (
      <SelectField
        id={id}
        label={t('equipment:views.org')}
        value={orgId}
        onChange={setOrgId}
        options={orgs.map((o) => [String(o.id), o.name] as const)}
      />
    ) : null;
  return { orgId, picker, hasOrg: orgs.length > 0 };
}

/** Query string with the given parameters, skipping empty ones. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
