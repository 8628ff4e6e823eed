// Organization profile; invitations to the person; members, invitations and join requests for
// the organization's admins; leaving an organization.
import { useEffect, useState } from 'preact/hooks';
import { AdminMembership, LeaveOrganization, MyInvitations } from '../components/membership';
import { NAME_SLOT, WithName } from '../components/with_name';
import { formatNumber, t } from '../i18n';
import { hasLabel, label, orgLabel } from '../lib/labels';
import { get } from '../lib/api';
import { onLinkClick } from '../lib/router';
import { isOrgAdmin, useSession, type Membership } from '../lib/session';

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
      <p>
        <WithName text={t('org.welcome', { name: NAME_SLOT })} name={me.user.name} />
      </p>
      {me.platform_roles.length > 0 && (
        <p data-testid="platform-roles">
          {t('org.platform_roles')}:{' '}
          {me.platform_roles.map((r) => label('role', r)).join(t('labels:misc.list_sep'))}
        </p>
      )}
      <MyInvitations />
      {me.organizations.length === 0 && <p>{t('org.none')}</p>}
      {me.organizations.map((o) => (
        <OrgCard key={o.id} org={o} selfId={me.user.id} />
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
  }, [org.id, org.region]);
  const parkId = detail?.park_id ?? org.park_id;
  const park = parks.find((p) => String(p.id) === String(parkId));
  return { detail, parkName: park?.name };
}

function OrgCard({ org, selfId }: { org: Membership; selfId: number | string }) {
  const admin = isOrgAdmin(org);
  const region = useRegion(org.region);
  const regionName = org.region ? label('region', org.region) : '—';
  const { detail, parkName } = useOrganization(org);
  return (
    <section class="result-card" aria-labelledby={`org-${org.id}`}>
      <h2 id={`org-${org.id}`} translate={false}>
        {orgLabel(org.name)}
      </h2>
      <table>
        <tbody>
          <tr>
            <th scope="row">{t('org.kind')}</th>
            <td>{label('org_kind', org.kind)}</td>
          </tr>
          <tr>
            <th scope="row">{t('org.scale')}</th>
            <td>{org.scale_class ? label('scale', org.scale_class) : '—'}</td>
          </tr>
          <tr>
            <th scope="row">{t('org.region')}</th>
            <td>{regionName}</td>
          </tr>
          {parkName && (
            <tr>
              <th scope="row">{t('register.park')}</th>
              <td translate={false}>{parkName}</td>
            </tr>
          )}
          {detail?.industry && (
            <tr>
              <th scope="row">{t('org.industry')}</th>
              {hasLabel('industry', detail.industry) ? (
                <td>{label('industry', detail.industry)}</td>
              ) : (
                <td translate={false}>{detail.industry}</td>
              )}
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
                <bdi>
                  {formatNumber(detail.annual_revenue, 0)} {region?.currency ?? ''}
                </bdi>
              </td>
            </tr>
          )}
          <tr>
            <th scope="row">{t('org.role')}</th>
            <td>{label('role', org.role)}</td>
          </tr>
        </tbody>
      </table>
      {admin && <AdminMembership org={org} selfId={selfId} />}
      <LeaveOrganization org={org} />
    </section>
  );
}
