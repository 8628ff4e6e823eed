// Types and pure helpers of the regional supplementary annex page (api/fragments/
// standards-self-inspection.json, "/api/v1/annexes"): who may take which action (mirroring
// src/standards/annex.cc; the server decides), the body of a new annex clause, and the
// promotion progress of a clause.
import type { OrganizationRef } from '../lib/api';
import { isEnterpriseKind, type Me, type Membership } from '../lib/session';
import type { Clause } from './clauses';
import { parseGrades } from './proposals_model';

export type AnnexAction = 'add' | 'override';
export type EquivalenceStatus = 'pending' | 'verified' | 'rejected';
export type Verdict = 'equivalent' | 'not_equivalent';

export interface AnnexReview {
  /** null for readers other than operators, experts and the regional authority. */
  user_id: number | null;
  verdict: Verdict;
  note: string;
  created_at: number;
}

export interface AnnexApplication {
  id: number;
  org_id: number;
  /** The applying organization, by name. */
  org: OrganizationRef;
  note: string;
  reported_by: number;
  created_at: number;
  verified_by: number | null;
  verified_at: number | null;
}

export interface AnnexClause {
  id: number;
  annex_id: number;
  region: string;
  document_code: string;
  action: AnnexAction;
  base_clause_id: string | null;
  clause: Clause;
  justification: string;
  status: EquivalenceStatus;
  reviews: AnnexReview[];
  /** Only those the reader may see: all for operators, experts and the regional authority, the
   * reader's own organizations' otherwise (none for visitors). */
  applications: AnnexApplication[];
  /** Every reported application, whoever reads. */
  application_count: number;
  /** false when applications of other organizations were left out for this reader. */
  applications_complete: boolean;
  verified_applications: number;
  promotable: boolean;
  /** Verified applications the server requires before promotion. */
  promotion_threshold: number;
  promoted_proposal_id: number | null;
  created_at: number;
}

export interface Annex {
  id: number;
  org_id: number;
  /** The regional authority that owns the annex, by name. */
  org: OrganizationRef;
  region: string;
  region_category: string;
  document_code: string;
  title: string;
  created_by: number | null;
  created_at: number;
  clauses: AnnexClause[];
}

export interface Region {
  code: string;
  name: string;
  names?: Record<string, string>;
  category?: string;
}

const sameId = (a: string | number, b: string | number) => String(a) === String(b);
const isAdmin = (m: Membership) => m.role === 'admin' || m.role === 'owner';
const hasRole = (me: Me | null, role: string) => me?.platform_roles.includes(role) ?? false;

export const isOperator = (me: Me | null) => hasRole(me, 'operator');
export const isExpert = (me: Me | null) => hasRole(me, 'expert');

/** True when `me` administers the organization `orgId`. */
export function administers(me: Me | null, orgId: number): boolean {
  return (me?.organizations ?? []).some((m) => sameId(m.id, orgId) && isAdmin(m));
}

/**
 * Organizations in whose name `me` may open an annex: the regulators it administers (for their
 * own region), or, for a platform operator, any organization it belongs to.
 */
export function annexOwnerOrgs(me: Me | null): Membership[] {
  const orgs = me?.organizations ?? [];
  if (isOperator(me)) return orgs;
  return orgs.filter((m) => m.kind === 'regulator' && isAdmin(m));
}

/** What `me` may do with the clauses of an annex owned by `annexOrgId`. */
export function annexPermissions(me: Me | null, annexOrgId: number) {
  const owner = administers(me, annexOrgId);
  return {
    addClause: owner || isOperator(me),
    review: isExpert(me),
    verify: owner || isOperator(me) || isExpert(me),
    promote: owner,
  };
}

/** The enterprises `me` belongs to in `region`: those that may report applying its clauses. */
export function reportingOrgs(me: Me | null, region: string): Membership[] {
  return (me?.organizations ?? []).filter((m) => m.region === region && isEnterpriseKind(m.kind));
}

/** Verified applications against the threshold, and how many are still missing. */
export function promotionProgress(
  c: Pick<AnnexClause, 'verified_applications' | 'promotion_threshold'>,
) {
  const verified = c.verified_applications;
  const threshold = c.promotion_threshold;
  return { verified, threshold, remaining: Math.max(0, threshold - verified) };
}

/**
 * Where a clause stands on its way to the national library: proposed already, ready, closed by a
 * "not equivalent" verdict, short of verified applications, or short of an equivalent verdict.
 */
export function promotionState(
  c: Pick<
    AnnexClause,
    | 'promoted_proposal_id'
    | 'promotable'
    | 'status'
    | 'verified_applications'
    | 'promotion_threshold'
  >,
): 'promoted' | 'promotable' | 'closed' | 'collecting' | 'needs_verdict' {
  if (c.promoted_proposal_id) return 'promoted';
  if (c.promotable) return 'promotable';
  if (c.status === 'rejected') return 'closed';
  if (promotionProgress(c).remaining > 0) return 'collecting';
  return 'needs_verdict';
}

/** The list query of the annexes of a region ("" for every region). */
export function annexListPath(region: string): string {
  const r = region.trim();
  return r ? `/api/v1/annexes?${new URLSearchParams({ region: r }).toString()}` : '/api/v1/annexes';
}

/** What the add-clause form holds. */
export interface AnnexClauseForm {
  action: AnnexAction;
  base_clause_id: string;
  clause_id: string;
  number: string;
  kind: 'mandatory' | 'recommended';
  grades: string;
  title_en: string;
  text_en: string;
  justification: string;
  /** For an override: the national clause loaded, whose other fields and languages are kept. */
  base?: Clause;
}

export const EMPTY_CLAUSE_FORM: AnnexClauseForm = {
  action: 'add',
  base_clause_id: '',
  clause_id: '',
  number: '',
  kind: 'mandatory',
  grades: '',
  title_en: '',
  text_en: '',
  justification: '',
};

/** The form filled from the national clause an override replaces. */
export function overrideForm(form: AnnexClauseForm, base: Clause): AnnexClauseForm {
  return {
    ...form,
    action: 'override',
    base_clause_id: base.id,
    clause_id: form.clause_id.trim() || base.id,
    number: base.number,
    kind: base.kind,
    grades: base.grades.join(', '),
    title_en: base.title.en ?? '',
    text_en: base.text.en ?? '',
    base,
  };
}

/**
 * The POST /api/v1/annexes/{id}/clauses body of a form. Empty English texts are left out so that
 * the server names the one missing field; an override keeps the national clause's conditions,
 * equivalences and other languages.
 */
export function annexClauseBody(f: AnnexClauseForm) {
  const base = f.action === 'override' ? f.base : undefined;
  const title: Record<string, string> = { ...(base?.title ?? {}) };
  const text: Record<string, string> = { ...(base?.text ?? {}) };
  delete title.en;
  delete text.en;
  if (f.title_en.trim()) title.en = f.title_en.trim();
  if (f.text_en.trim()) text.en = f.text_en.trim();
  const clause: Record<string, unknown> = {
    id: f.clause_id.trim(),
    number: f.number.trim(),
    kind: f.kind,
    grades: parseGrades(f.grades),
    title,
    text,
    conditions: base?.conditions ?? {},
    equivalences: base?.equivalences ?? [],
  };
  if (base?.source) clause.source = base.source;
  if (base?.confidence) clause.confidence = base.confidence;
  const body: Record<string, unknown> = {
    action: f.action,
    justification: f.justification.trim(),
    clause,
  };
  if (f.action === 'override') body.base_clause_id = f.base_clause_id.trim();
  return body;
}

/** Field errors of the clause body keyed by the form's field names (clause.title.en → title_en). */
export function clauseFormErrors(errors: Record<string, string>): Record<string, string> {
  const names: Record<string, string> = {
    'clause.id': 'clause_id',
    'clause.number': 'number',
    'clause.kind': 'kind',
    'clause.grades': 'grades',
    'clause.title': 'title_en',
    'clause.title.en': 'title_en',
    'clause.text': 'text_en',
    'clause.text.en': 'text_en',
    clause: 'clause_id',
  };
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const name = names[field] ?? field;
    out[name] = out[name] ? `${out[name]}; ${message}` : message;
  }
  return out;
}
