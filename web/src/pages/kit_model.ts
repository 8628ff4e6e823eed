// The free basic kit's data as the API gives it (codes only; texts come from the kit namespace)
// and the pure helpers of the kit page: grouping the positive list, links, and the flowchart's
// edges.

export interface KitSource {
  id: string;
  citation: string;
}

export interface PositiveRow {
  preset: string;
  material: string;
  grade: number;
  temperature_min_c: number;
  temperature_max_c: number;
  clauses: { id: string; number: string }[];
}

/** The composition a bath is graded with (the preset's typical one). */
export interface Bath {
  preset: string;
  components: { species: string; unit: string; value: number }[];
  ph?: number;
}

export interface PositiveList {
  temperatures_c: number[];
  max_grade: number;
  knowledge_version: string;
  baths: Bath[];
  rows: PositiveRow[];
}

const UNIT_SYMBOLS: Record<string, string> = {
  g_per_l: 'g/L',
  mg_per_l: 'mg/L',
  wt_pct: 'wt%',
  vol_pct: 'vol%',
};

/** Unit symbols written the same in every language (g/L, mg/L, wt%, vol%). */
export function unitSymbol(unit: string): string {
  return UNIT_SYMBOLS[unit] ?? unit;
}

export interface Reagent {
  code: string;
  mechanism: string;
  species: string[];
  sources: KitSource[];
  confidence: 'verified' | 'secondary' | 'uncertain';
}

export interface GuideStep {
  code: string;
  kind: 'action' | 'decision';
  next?: string;
  yes?: string;
  no?: string;
  sources: KitSource[];
}

export interface Guide {
  code: string;
  flowchart: boolean;
  steps: GuideStep[];
}

/** Rows grouped by bath, in the order the API lists them. */
export function groupByPreset(rows: PositiveRow[]): { preset: string; rows: PositiveRow[] }[] {
  const groups: { preset: string; rows: PositiveRow[] }[] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last.preset === row.preset) last.rows.push(row);
    else groups.push({ preset: row.preset, rows: [row] });
  }
  return groups;
}

/** The quick query with the row's material and bath filled in, at the top of its range. */
export function quickQueryHref(row: PositiveRow): string {
  const p = new URLSearchParams();
  p.set('material', row.material);
  p.set('preset', row.preset);
  p.set('t', String(row.temperature_max_c));
  return `/query?${p.toString()}`;
}

export function clauseHref(id: string): string {
  return `/clauses?${new URLSearchParams({ clause: id }).toString()}`;
}

export function pdfHref(lang: string): string {
  return `/api/v1/kit/kit.pdf?${new URLSearchParams({ lang }).toString()}`;
}

/** One arrow of a flowchart: from step index to step index; `label` for a decision's answers. */
export interface FlowEdge {
  from: number;
  to: number;
  label?: 'yes' | 'no';
  /** True when the arrow skips steps (drawn in the side lane), false for the next box down. */
  skip: boolean;
}

/** The arrows of a guide: a step goes on to `next` or the following step; a decision to both. */
export function flowEdges(steps: GuideStep[]): FlowEdge[] {
  const index = new Map(steps.map((s, i) => [s.code, i]));
  const edges: FlowEdge[] = [];
  steps.forEach((s, i) => {
    const targets: [string | undefined, FlowEdge['label']][] =
      s.kind === 'decision'
        ? [
            [s.yes, 'yes'],
            [s.no, 'no'],
          ]
        : [[s.next ?? steps[i + 1]?.code, undefined]];
    for (const [code, label] of targets) {
      const to = code === undefined ? undefined : index.get(code);
      if (to === undefined) continue;
      edges.push({ from: i, to, label, skip: to !== i + 1 });
    }
  });
  return edges;
}

export function formatRange(min: number, max: number, fmt: (n: number) => string): string {
  return min === max ? `${fmt(min)} °C` : `${fmt(min)}–${fmt(max)} °C`;
}
