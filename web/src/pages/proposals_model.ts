// Types and pure helpers of the standard revision lifecycle pages (api/fragments/standards.json):
// the passing rule of the expert vote, the clause change a form describes, and dates.
import type { Clause } from './clauses';

export type ProposalState =
  'proposal' | 'expert_review' | 'public_consultation' | 'released' | 'rejected' | 'withdrawn';

export type Disposition = 'accepted' | 'partly_accepted' | 'rejected';

export interface ClauseChange {
  action: 'amend' | 'add' | 'remove';
  clause_id: string;
  clause?: Clause;
}

export interface ProposalComment {
  id: number;
  clause_id: string;
  user_id: number;
  body: string;
  created_at: number;
  disposition: Disposition | null;
  disposition_reason?: string;
  disposed_at?: number | null;
}

export interface Tally {
  assigned: number;
  approve: number;
  reject: number;
  abstain: number;
}

export interface Proposal {
  id: number;
  document_id: number;
  document_code: string;
  base_version: string;
  state: ProposalState;
  proposer_user_id: number;
  proposer_org_id: number;
  title: string;
  rationale: string;
  decision_reason?: string;
  changes: ClauseChange[];
  experts: number[];
  votes: Array<{ user_id: number; vote: string; note?: string }>;
  tally: Tally;
  comments: ProposalComment[];
  allowed_actions: string[];
  consultation_closes_at: number | null;
  released_version: string | null;
  revises_proposal_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface StandardDocument {
  id: number;
  code: string;
  title: Record<string, string>;
  kind: string;
  versions: Array<{
    id: number;
    version: string;
    status: 'released' | 'superseded';
    released_at: number;
    clause_count: number;
  }>;
}

export interface ClauseDiff {
  clause_id: string;
  /** The number people cite the clause by (RT-1.1). */
  number: string;
  change: 'added' | 'removed' | 'changed';
  fields: string[];
}

/**
 * The server's default passing rule (docs/design/standards.md, "Lifecycle"): approvals at least
 * 2/3 of the assigned experts and rejections at most 1/4 of them.
 */
export const PASSING_RULE = { approveNum: 2, approveDen: 3, rejectNum: 1, rejectDen: 4 };

/** Approvals needed and rejections allowed for `assigned` experts under the passing rule. */
export function passingThresholds(assigned: number): { approvals: number; rejections: number } {
  const r = PASSING_RULE;
  return {
    approvals: Math.ceil((assigned * r.approveNum) / r.approveDen),
    rejections: Math.floor((assigned * r.rejectNum) / r.rejectDen),
  };
}

/** True when the tally meets the passing rule (and at least one expert is assigned). */
export function tallyPasses(t: Tally): boolean {
  if (t.assigned === 0) return false;
  const need = passingThresholds(t.assigned);
  return t.approve >= need.approvals && t.reject <= need.rejections;
}

/** What a proposal form holds for one clause change. */
export interface ChangeForm {
  action: 'amend' | 'add' | 'remove';
  clause_id: string;
  number: string;
  kind: 'mandatory' | 'recommended';
  grades: string;
  title_en: string;
  text_en: string;
  /** For an amendment: the current clause, whose other fields and languages are kept. */
  base?: Clause;
}

/** Grades typed as "2, 3 4" → [2, 3, 4]; anything that is not 1..4 is left for the server. */
export function parseGrades(text: string): number[] {
  return text
    .split(/[\s,，、]+/)
    .filter(Boolean)
    .map(Number);
}

/** The ClauseChange of a form; an amendment keeps the current clause's other fields. */
export function changeOf(f: ChangeForm): ClauseChange {
  const id = f.clause_id.trim();
  if (f.action === 'remove') return { action: 'remove', clause_id: id };
  const base = f.base;
  const clause: Clause = {
    id,
    number: f.number.trim(),
    kind: f.kind,
    grades: parseGrades(f.grades),
    title: { ...(base?.title ?? {}), en: f.title_en.trim() },
    text: { ...(base?.text ?? {}), en: f.text_en.trim() },
    conditions: base?.conditions ?? {},
    equivalences: base?.equivalences ?? [],
  };
  if (base?.source) clause.source = base.source;
  if (base?.confidence) clause.confidence = base.confidence;
  return { action: f.action, clause_id: id, clause };
}

/** A form filled from the current clause, for amending it. */
export function formFromClause(c: Clause): ChangeForm {
  return {
    action: 'amend',
    clause_id: c.id,
    number: c.number,
    kind: c.kind,
    grades: c.grades.join(', '),
    title_en: c.title.en ?? '',
    text_en: c.text.en ?? '',
    base: {
      id: c.id,
      number: c.number,
      kind: c.kind,
      grades: c.grades,
      title: c.title,
      text: c.text,
      conditions: c.conditions,
      equivalences: c.equivalences,
      source: c.source,
      confidence: c.confidence,
    },
  };
}

export const EMPTY_CHANGE: ChangeForm = {
  action: 'amend',
  clause_id: '',
  number: '',
  kind: 'mandatory',
  grades: '1, 2, 3, 4',
  title_en: '',
  text_en: '',
};

/** Comma or space separated user ids → numbers (invalid ones are kept for the server to refuse). */
export function parseIds(text: string): number[] {
  return text
    .split(/[\s,，]+/)
    .filter(Boolean)
    .map(Number);
}

/** Server times are Unix seconds. */
export function secondsToIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
