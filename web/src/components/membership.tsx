// Membership panels: invitations to the signed-in person, an organization's members, the
// invitations it sent, join requests addressed to it and its own, and leaving it.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Field, describedBy } from './field';
import { ProblemBox } from './problem';
import { NAME_SLOT, WithName } from './with_name';
import { kb, t } from '../i18n';
import { fieldErrors, get, post, request, type Problem } from '../lib/api';
import { refreshSession, type Membership } from '../lib/session';

export interface Invitation {
  id: number;
  org_id: number;
  org_name: string;
  email: string;
  role: string;
  status: string;
}

export interface JoinRequest {
  id: number;
  org_id: number;
  org_name: string;
  target: string;
  target_id: number;
  target_name: string;
  status: string;
}

interface Member {
  user_id: number;
  email: string;
  name: string;
  role: string;
}

const ROLES = ['member', 'admin'];
const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked'];
const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'];

/** Label of a status or target: the translated text, never the raw value. */
export function invitationStatus(status: string): string {
  return INVITATION_STATUSES.includes(status) ? t(`members:inv.status.${status}`) : '—';
}
export function requestStatus(status: string): string {
  return REQUEST_STATUSES.includes(status) ? t(`members:join.status.${status}`) : '—';
}
export function targetLabel(target: string): string {
  return target === 'association' ? t('members:join.association') : t('members:join.park');
}

/** A problem with the last-administrator code gets its own sentence. */
function explain(problem: Problem | null): Problem | null {
  if (!problem) return null;
  if (problem.errors.some((e) => e.message === 'identity.last_admin'))
    return { ...problem, detail: t('members:member.last_admin'), errors: [] };
  return problem;
}

/** Pending invitations addressed to the signed-in person, to accept or decline. */
export function MyInvitations() {
  const [items, setItems] = useState<Invitation[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState('');
  async function load() {
    const r = await get<{ invitations: Invitation[] }>('/api/v1/me/invitations');
    if (r.ok) setItems(r.value.invitations ?? []);
  }
  useEffect(() => {
    void load();
  }, []);
  async function decide(inv: Invitation, accept: boolean) {
    setProblem(null);
    const r = await post<unknown>(
      `/api/v1/invitations/${inv.id}/${accept ? 'accept' : 'decline'}`,
      {},
    );
    if (!r.ok) return setProblem(r.problem);
    setDone(
      accept
        ? t('members:inv.accepted', { org: inv.org_name })
        : t('members:inv.declined', { org: inv.org_name }),
    );
    await load();
    if (accept) await refreshSession(true);
  }
  if (!items || items.length === 0) return done ? <p role="status">{done}</p> : null;
  return (
    <section class="result-card" aria-labelledby="my-invitations">
      <h2 id="my-invitations">{t('members:inv.mine_title')}</h2>
      <ul class="plain-list">
        {items.map((inv) => (
          <li key={inv.id}>
            <p>{t('members:inv.offer', { org: inv.org_name, role: kb('role', inv.role) })}</p>
            <div class="actions">
              <button type="button" class="primary" onClick={() => void decide(inv, true)}>
                {t('members:inv.accept')}
              </button>
              <button type="button" onClick={() => void decide(inv, false)}>
                {t('members:inv.decline')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p role="status">{done}</p>
      <ProblemBox problem={problem} />
    </section>
  );
}

/** Leaving an organization (refused for its last administrator). */
export function LeaveOrganization({ org }: { org: Membership }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirming, setConfirming] = useState(false);
  async function leave() {
    setProblem(null);
    const r = await post<unknown>(`/api/v1/orgs/${org.id}/leave`, {});
    if (!r.ok) return setProblem(explain(r.problem));
    await refreshSession(true);
  }
  return (
    <div class="actions">
      {confirming ? (
        <>
          <span>{t('members:member.leave_confirm', { org: org.name })}</span>
          <button type="button" onClick={() => void leave()}>
            {t('members:member.leave')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('members:common.cancel')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('members:member.leave')}
        </button>
      )}
      <ProblemBox problem={problem} />
    </div>
  );
}

/** What an organization's administrators manage: members, invitations and join requests. */
export function AdminMembership({ org, selfId }: { org: Membership; selfId: number | string }) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [sent, setSent] = useState<Invitation[]>([]);
  const [incoming, setIncoming] = useState<JoinRequest[]>([]);
  const [own, setOwn] = useState<JoinRequest[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('member');
  const [status, setStatus] = useState('');
  // The member whose removal waits for a second click.
  const [removing, setRemoving] = useState<Member['user_id'] | null>(null);

  const load = useCallback(async () => {
    const base = `/api/v1/orgs/${org.id}`;
    const [m, i, inc, o] = await Promise.all([
      get<{ members: Member[] }>(`${base}/members`),
      get<{ invitations: Invitation[] }>(`${base}/invitations`),
      get<{ join_requests: JoinRequest[] }>(`${base}/join-requests/incoming`),
      get<{ join_requests: JoinRequest[] }>(`${base}/join-requests`),
    ]);
    if (m.ok) setMembers(m.value.members ?? []);
    else setProblem(m.problem);
    if (i.ok) setSent(i.value.invitations ?? []);
    if (inc.ok) setIncoming(inc.value.join_requests ?? []);
    if (o.ok) setOwn(o.value.join_requests ?? []);
  }, [org.id]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(path: string, method: 'POST' | 'DELETE', done: string) {
    setProblem(null);
    setStatus('');
    const r = await request<unknown>(method, path, method === 'POST' ? {} : undefined);
    if (!r.ok) return setProblem(explain(r.problem));
    setStatus(done);
    await load();
  }

  async function invite(ev: Event) {
    ev.preventDefault();
    setProblem(null);
    setStatus('');
    const r = await post<Invitation>(`/api/v1/orgs/${org.id}/invitations`, { email, role });
    if (!r.ok) return setProblem(r.problem);
    setStatus(t('members:inv.invited', { email }));
    setEmail('');
    await load();
  }

  const errors = fieldErrors(problem);
  const pendingIncoming = incoming.filter((j) => j.status === 'pending');
  return (
    <>
      {pendingIncoming.length > 0 && (
        <>
          <h3>{t('members:join.incoming_title')}</h3>
          <ul class="plain-list">
            {pendingIncoming.map((j) => (
              <li key={j.id}>
                <p>
                  {t('members:join.asks', {
                    org: j.org_name,
                    target: targetLabel(j.target),
                    name: j.target_name,
                  })}
                </p>
                <div class="actions">
                  <button
                    type="button"
                    class="primary"
                    onClick={() =>
                      void act(
                        `/api/v1/join-requests/${j.id}/approve`,
                        'POST',
                        t('members:join.approved', { org: j.org_name }),
                      )
                    }
                  >
                    {t('members:join.approve')}
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void act(
                        `/api/v1/join-requests/${j.id}/reject`,
                        'POST',
                        t('members:join.rejected', { org: j.org_name }),
                      )
                    }
                  >
                    {t('members:join.reject')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {own.length > 0 && (
        <>
          <h3>{t('members:join.own_title')}</h3>
          <div class="table-wrap">
            <table class="stack-table">
              <thead>
                <tr>
                  <th scope="col">{t('members:join.target')}</th>
                  <th scope="col">{t('members:common.status')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('members:common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {own.map((j) => (
                  <tr key={j.id}>
                    <td>
                      {targetLabel(j.target)}: <bdi translate={false}>{j.target_name}</bdi>
                    </td>
                    <td>{requestStatus(j.status)}</td>
                    <td>
                      {j.status === 'pending' && (
                        <button
                          type="button"
                          onClick={() =>
                            void act(
                              `/api/v1/join-requests/${j.id}/withdraw`,
                              'POST',
                              t('members:join.withdrawn'),
                            )
                          }
                        >
                          {t('members:join.withdraw')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3>{t('members:member.title')}</h3>
      {members && (
        <div class="table-wrap">
          <table class="stack-table" data-testid="org-members">
            <thead>
              <tr>
                <th scope="col">{t('register.name')}</th>
                <th scope="col">{t('auth.email')}</th>
                <th scope="col">{t('org.role')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('members:common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.user_id}>
                  <td translate={false}>{m.name}</td>
                  <td translate={false}>
                    <bdi>{m.email}</bdi>
                  </td>
                  <td>{kb('role', m.role)}</td>
                  <td>
                    {String(m.user_id) !== String(selfId) &&
                      (removing === m.user_id ? (
                        <span class="actions" data-testid="member-remove-confirm">
                          <span>
                            <WithName
                              text={t('members:member.remove_confirm', { name: NAME_SLOT })}
                              name={m.name}
                            />
                          </span>
                          <button
                            type="button"
                            onClick={() => {
                              setRemoving(null);
                              void act(
                                `/api/v1/orgs/${org.id}/members/${m.user_id}`,
                                'DELETE',
                                t('members:member.removed', { email: m.email }),
                              );
                            }}
                          >
                            {t('members:member.remove')}
                          </button>
                          <button type="button" onClick={() => setRemoving(null)}>
                            {t('members:common.cancel')}
                          </button>
                        </span>
                      ) : (
                        <button type="button" onClick={() => setRemoving(m.user_id)}>
                          {t('members:member.remove')}
                          <span class="visually-hidden">
                            : <bdi translate={false}>{m.name}</bdi>
                          </span>
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('members:inv.invite_title')}</h3>
      <p>{t('members:inv.invite_hint')}</p>
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
            {t('members:inv.invite')}
          </button>
        </div>
      </form>
      <p role="status">{status}</p>
      <ProblemBox problem={problem} />
      {sent.length > 0 && (
        <>
          <h3>{t('members:inv.sent_title')}</h3>
          <div class="table-wrap">
            <table class="stack-table">
              <thead>
                <tr>
                  <th scope="col">{t('auth.email')}</th>
                  <th scope="col">{t('org.role')}</th>
                  <th scope="col">{t('members:common.status')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('members:common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sent.map((i) => (
                  <tr key={i.id}>
                    <td translate={false}>
                      <bdi>{i.email}</bdi>
                    </td>
                    <td>{kb('role', i.role)}</td>
                    <td>{invitationStatus(i.status)}</td>
                    <td>
                      {i.status === 'pending' && (
                        <button
                          type="button"
                          onClick={() =>
                            void act(
                              `/api/v1/invitations/${i.id}/revoke`,
                              'POST',
                              t('members:inv.revoked', { email: i.email }),
                            )
                          }
                        >
                          {t('members:inv.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
