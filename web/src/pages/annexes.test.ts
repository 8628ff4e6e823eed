import { describe, expect, it } from 'vitest';
import type { Me, Membership } from '../lib/session';
import {
  EMPTY_CLAUSE_FORM,
  annexClauseBody,
  annexListPath,
  annexOwnerOrgs,
  annexPermissions,
  clauseFormErrors,
  overrideForm,
  promotionProgress,
  promotionState,
  reportingOrgs,
} from './annexes_model';
import type { Clause } from './clauses';

const org = (id: number, kind: string, role: string, region = 'cn-east'): Membership => ({
  id,
  name: `Org ${id}`,
  kind,
  role,
  region,
});
const me = (orgs: Membership[], platform_roles: string[] = []): Me => ({
  user: { id: 9, email: 'a@example.com', name: 'A' },
  organizations: orgs,
  platform_roles,
});

const national: Clause = {
  id: 'rtb-1.1',
  number: '1.1',
  kind: 'mandatory',
  grades: [2, 3],
  title: { en: 'Grade before purchase', zh: '采购前定级' },
  text: { en: 'Get the grade first.', zh: '先定级。' },
  conditions: { industries: ['electroplating'] },
  equivalences: [{ ref: 'ISO 1', extent: 'related' }],
  source: 'RTB',
};

describe('annex permissions', () => {
  const regulatorAdmin = me([org(5, 'regulator', 'admin'), org(6, 'end_user_plant', 'admin')]);
  const regulatorMember = me([org(5, 'regulator', 'member')]);
  const operator = me([org(1, 'platform_operator', 'admin')], ['operator']);
  const expert = me([org(7, 'research_institute', 'member')], ['expert']);

  it('lets regulator administrators open annexes in their name, and operators in any of theirs', () => {
    expect(annexOwnerOrgs(regulatorAdmin).map((o) => o.id)).toEqual([5]);
    expect(annexOwnerOrgs(regulatorMember)).toEqual([]);
    expect(annexOwnerOrgs(operator).map((o) => o.id)).toEqual([1]);
    expect(annexOwnerOrgs(null)).toEqual([]);
  });

  it('offers each clause action only to the roles the server allows', () => {
    expect(annexPermissions(regulatorAdmin, 5)).toEqual({
      addClause: true,
      review: false,
      verify: true,
      promote: true,
    });
    expect(annexPermissions(regulatorAdmin, 99)).toEqual({
      addClause: false,
      review: false,
      verify: false,
      promote: false,
    });
    expect(annexPermissions(operator, 99)).toEqual({
      addClause: true,
      review: false,
      verify: true,
      promote: false,
    });
    expect(annexPermissions(expert, 5)).toEqual({
      addClause: false,
      review: true,
      verify: true,
      promote: false,
    });
    expect(annexPermissions(null, 5).addClause).toBe(false);
  });

  it('lets only enterprises of the annex region report an application', () => {
    const user = me([
      org(6, 'end_user_plant', 'member'),
      org(8, 'manufacturer', 'admin', 'cn-west'),
      org(5, 'regulator', 'admin'),
    ]);
    expect(reportingOrgs(user, 'cn-east').map((o) => o.id)).toEqual([6]);
    expect(reportingOrgs(user, 'cn-west').map((o) => o.id)).toEqual([8]);
    expect(reportingOrgs(null, 'cn-east')).toEqual([]);
  });
});

describe('promotion', () => {
  it('counts verified applications against the threshold', () => {
    expect(promotionProgress({ verified_applications: 2, promotion_threshold: 5 })).toEqual({
      verified: 2,
      threshold: 5,
      remaining: 3,
    });
    expect(promotionProgress({ verified_applications: 9, promotion_threshold: 5 }).remaining).toBe(
      0,
    );
    expect(promotionProgress({ verified_applications: 2, promotion_threshold: 3 }).remaining).toBe(
      1,
    );
  });

  it('says where a clause stands', () => {
    const base = {
      promoted_proposal_id: null,
      promotable: false,
      verified_applications: 0,
      promotion_threshold: 5,
    };
    expect(promotionState({ ...base, status: 'pending' })).toBe('collecting');
    expect(promotionState({ ...base, status: 'rejected' })).toBe('closed');
    expect(promotionState({ ...base, status: 'pending', verified_applications: 5 })).toBe(
      'needs_verdict',
    );
    expect(promotionState({ ...base, status: 'verified', promotable: true })).toBe('promotable');
    expect(promotionState({ ...base, status: 'verified', promoted_proposal_id: 4 })).toBe(
      'promoted',
    );
  });
});

describe('annex clause form', () => {
  it('lists every region or one', () => {
    expect(annexListPath('')).toBe('/api/v1/annexes');
    expect(annexListPath(' cn-east ')).toBe('/api/v1/annexes?region=cn-east');
  });

  it('sends an added clause with trimmed texts and parsed grades', () => {
    const body = annexClauseBody({
      ...EMPTY_CLAUSE_FORM,
      clause_id: ' cn-east-1 ',
      number: 'CE-1',
      grades: '3, 4',
      title_en: ' Rinse after plating ',
      text_en: 'Rinse the heater.',
      justification: ' Hard water in the east. ',
    });
    expect(body).toEqual({
      action: 'add',
      justification: 'Hard water in the east.',
      clause: {
        id: 'cn-east-1',
        number: 'CE-1',
        kind: 'mandatory',
        grades: [3, 4],
        title: { en: 'Rinse after plating' },
        text: { en: 'Rinse the heater.' },
        conditions: {},
        equivalences: [],
      },
    });
    expect(body).not.toHaveProperty('base_clause_id');
  });

  it('leaves out empty English texts so the server names the missing field', () => {
    const body = annexClauseBody(EMPTY_CLAUSE_FORM) as { clause: Record<string, unknown> };
    expect(body.clause.title).toEqual({});
    expect(body.clause.text).toEqual({});
    expect(body.clause.grades).toEqual([]);
  });

  it('fills an override from the national clause and keeps its other fields', () => {
    const form = overrideForm({ ...EMPTY_CLAUSE_FORM, base_clause_id: 'rtb-1.1' }, national);
    expect(form).toMatchObject({
      action: 'override',
      clause_id: 'rtb-1.1',
      number: '1.1',
      grades: '2, 3',
      title_en: 'Grade before purchase',
    });
    const body = annexClauseBody({
      ...form,
      text_en: 'Get the grade and the spare parts grade first.',
      justification: 'Spare parts fail first here.',
    }) as { base_clause_id: string; clause: Record<string, unknown> };
    expect(body.base_clause_id).toBe('rtb-1.1');
    expect(body.clause.text).toEqual({
      zh: '先定级。',
      en: 'Get the grade and the spare parts grade first.',
    });
    expect(body.clause.conditions).toEqual({ industries: ['electroplating'] });
    expect(body.clause.source).toBe('RTB');
  });

  it('puts the server field errors next to the form fields', () => {
    expect(
      clauseFormErrors({
        'clause.title.en': 'is required',
        'clause.grades': 'must be 1 to 4',
        justification: 'must be 1 to 4000 bytes',
        base_clause_id: 'is required to override a national clause',
      }),
    ).toEqual({
      title_en: 'is required',
      grades: 'must be 1 to 4',
      justification: 'must be 1 to 4000 bytes',
      base_clause_id: 'is required to override a national clause',
    });
    expect(clauseFormErrors({ 'clause.title': 'x', 'clause.title.en': 'y' })).toEqual({
      title_en: 'x; y',
    });
  });
});
