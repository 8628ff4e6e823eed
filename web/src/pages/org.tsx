// Organization profile; members list and invitation for the organization's admins.
import { useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from '../components/field';
import { ProblemBox } from '../components/problem';
import { currentLanguage, formatNumber, kb, t } from '../i18n';
import { fieldErrors, get, post, type Problem } from '../lib/api';
import { onLinkClick } from '../lib/router';
import { isOrgAdmin, useSession, type Membership } from '../lib/session';

interface Member {
  user_id: string | number;
  email: string;
  name: string;
  role: string;
}

const ROLES = ['member', 'admin'];

export default function OrgPage() {
  const { me, loaded } = useSession();
  if (!me) {
    return (
      <>
        <h1>{t('org.title')}</h1>
        {loaded ? (
          <p>
            {t('org.sign_in')}{' '}
            <a href="/login" onClick={onLinkClick}>
              {t('nav.login')}
            </a>
          </p>
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </>
    );
  }
  return (
    <>
      <h1>{t('org.title')}</h1>
      <p>{t('org.welcome', { name: me.user.name })}</p>
      {me.platform_roles.length > 0 && (
        <p data-testid="platform-roles">
          {t('org.platform_roles')}:{' '}
          {me.platform_roles.map((r) => kb('platform_role', r)).join(', ')}
        </p>
      )}
      {me.organizations.length === 0 && <p>{t('org.none')}</p>}
      {me.organizations.map((o) => (
        <OrgCard key={o.id} org={o} />
      ))}
    </>
  );
}

interface Region {
  code: string;
  name: string;
  names?: Record<string, string>;
  currency?: string;
}

interface Organization {
  id: string | number;
  industry?: string;
  park_id?: string | number | null;
  headcount?: number | null;
  annual_revenue?: number | null;
}

interface Park {
  id: string | number;
  name: string;
}

function useRegion(code: string | undefined): Region | undefined {
  const [regions, setRegions] = useState<Region[]>([]);
  useEffect(() => {
    void get<{ regions: Region[] }>('/api/v1/regions').then((r) => {
      if (r.ok && Array.isArray(r.value?.regions)) setRegions(r.value.regions);
    });
  }, []);
  return regions.find((r) => r.code === code);
}

/** The full organization record and its park's name (GET /orgs/{id}, /parks?region=). */
function useOrganization(org: Membership): { detail: Organization | null; parkName?: string } {
  const [detail, setDetail] = useState<Organization | null>(null);
  const [parks, setParks] = useState<Park[]>([]);
  useEffect(() => {
    void get<Organization>(`/api/v1/orgs/${org.id}`).then((r) => {
      if (r.ok && r.value && typeof r.value === 'object') setDetail(r.value);
    });
    if (org.region) {
      void get<{ parks: Park[] }>(`/api/v1/parks?region=${encodeURIComponent(org.region)}`).then(
        (r) => {
          if (r.ok && Array.isArray(r.value?.parks)) setParks(r.value.parks);
        },
      );
    }
  }, [org.id]);
  const parkId = detail?.park_id ?? org.park_id;
  const park = parks.find((p) => String(p.id) === String(parkId));
  return { detail, parkName: park?.name };
}

function OrgCard({ org }: { org: Membership }) {
  const admin = isOrgAdmin(org);
  const region = useRegion(org.region);
  const regionName = region
    ? (region.names?.[currentLanguage()] ?? region.name)
    : (org.region ?? '—');
  const { detail, parkName } = useOrganization(org);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('member');
  const [added, setAdded] = useState('');

  async function loadMembers() {
    const r = await get<{ members: Member[] }>(`/api/v1/orgs/${org.id}/members`);
    if (r.ok) setMembers(r.value.members ?? []);
    else setProblem(r.problem);
  }

  useEffect(() => {
    if (admin) void loadMembers();
  }, [org.id]);

  async function invite(ev: Event) {
    ev.preventDefault();
    setProblem(null);
    setAdded('');
    const r = await post<unknown>(`/api/v1/orgs/${org.id}/members`, { email, role });
    if (!r.ok) return setProblem(r.problem);
    setAdded(email);
    setEmail('');
    await loadMembers();
  }

  const errors = fieldErrors(problem);
  return (
    <section class="result-card" aria-labelledby={`org-${org.id}`}>
      <h2 id={`org-${org.id}`}>{org.name}</h2>
      <table>
        <tbody>
          <tr>
            <th scope="row">{t('org.kind')}</th>
            <td>{kb('org_kind', org.kind)}</td>
          </tr>
          <tr>
            <th scope="row">{t('org.scale')}</th>
            <td>{org.scale_class ? kb('scale', org.scale_class) : '—'}</td>
          </tr>
          <tr>
            <th scope="row">{t('org.region')}</th>
            <td>{regionName}</td>
          </tr>
          {parkName && (
            <tr>
              <th scope="row">{t('register.park')}</th>
              <td>{parkName}</td>
            </tr>
          )}
          {detail?.industry && (
            <tr>
              <th scope="row">{t('org.industry')}</th>
              <td>{detail.industry}</td>
            </tr>
          )}
          {typeof detail?.headcount === 'number' && (
            <tr>
              <th scope="row">{t('register.headcount')}</th>
              <td>{formatNumber(detail.headcount, 0)}</td>
            </tr>
          )}
          {typeof detail?.annual_revenue === 'number' && (
            <tr>
              <th scope="row">{t('register.revenue')}</th>
              <td>
                {formatNumber(detail.annual_revenue, 0)} {region?.currency ?? ''}
              </td>
            </tr>
          )}
          <tr>
            <th scope="row">{t('org.role')}</th>
            <td>{kb('role', org.role)}</td>
          </tr>
        </tbody>
      </table>
      {admin && (
        <>
          <h3>{t('org.members')}</h3>
          {members && (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('register.name')}</th>
                    <th scope="col">{t('auth.email')}</th>
                    <th scope="col">{t('org.role')}</th>
                  </tr>
                </thead>
                <tbody>
                  {members.map((m) => (
                    <tr key={m.user_id}>
                      <td>{m.name}</td>
                      <td>
                        <bdi>{m.email}</bdi>
                      </td>
                      <td>{kb('role', m.role)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>{t('org.add_member')}</h3>
          <form noValidate onSubmit={invite}>
            <div class="grid-2">
              <Field id={`inv-email-${org.id}`} label={t('auth.email')} error={errors.email}>
                <input
                  id={`inv-email-${org.id}`}
                  type="email"
                  value={email}
                  onInput={(e) => setEmail(e.currentTarget.value)}
                  {...describedBy(`inv-email-${org.id}`, errors.email)}
                />
              </Field>
              <Field id={`inv-role-${org.id}`} label={t('org.role')} error={errors.role}>
                <select
                  id={`inv-role-${org.id}`}
                  value={role}
                  onChange={(e) => setRole(e.currentTarget.value)}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {kb('role', r)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <div class="actions">
              <button type="submit" class="primary">
                {t('org.add')}
              </button>
              <span role="status">{added ? t('org.added', { email: added }) : ''}</span>
            </div>
          </form>
          <ProblemBox problem={problem} />
        </>
      )}
    </section>
  );
}
