// Wire types of the engine API (issue 4 contract). The engine answers with ids; the web app
// translates them through the kb namespace.

export const CONCENTRATION_UNITS = ['wt_pct', 'g_per_l', 'mg_per_l', 'vol_pct'] as const;
export type ConcentrationUnit = (typeof CONCENTRATION_UNITS)[number];

export type Component = { species: string } & Partial<Record<ConcentrationUnit, number>>;

export interface Medium {
  preset?: string;
  components: Component[];
  temperature_c?: number;
  boiling?: boolean;
  ph?: number;
  aeration?: string;
  phase?: 'liquid' | 'gas';
}

export interface Features {
  crevices?: boolean;
  galvanic_couple?: string;
  potential_v_sce?: number;
  cathodic_protection?: boolean;
  anodic_polarization_v?: number;
  residual_stress?: boolean;
  velocity_m_s?: number;
}

export interface AssessRequest {
  material: string;
  medium: Medium;
  features?: Features;
}

export interface Mechanism {
  id: string;
  grade: number;
  reason?: unknown;
  /** The reason as message codes with parameters, rendered in the reader's language. */
  reason_phrases?: unknown;
  limits?: unknown;
  sources?: unknown;
}

/** A value the request left unstated: its answer's JSON value (true/false, or a string). */
export type ConditionValue = boolean | string;

/** Something the request did not state that changes the grade, with the grade under each answer. */
export interface Condition {
  id: string;
  /** The request field that answers it ("features.crevices", "medium.aeration"). */
  field: string;
  answers: Array<{ value: ConditionValue; grade: number; verdict: string }>;
}

export interface AssessResult {
  material?: string;
  grade: number;
  governing_mechanism?: string;
  /** 'low', 'moderate', 'high' or 'prohibited'. */
  verdict: string;
  mechanisms: Mechanism[];
  general_rate_mm_per_y?: number | null;
  operating_limits?: unknown;
  mitigations?: unknown;
  conditions?: Condition[];
  alternatives?: Array<{ material: string; grade: number }>;
  warnings?: unknown;
  /** One coded phrase per warning, in the same order. */
  warning_phrases?: unknown;
  knowledge_version?: string;
}

/** Names as the engine vocabulary gives them (English and Chinese), plus aliases. */
export interface VocabularyNamed {
  id: string;
  name?: string;
  name_en?: string;
  name_zh?: string;
  aliases?: string[];
}

export interface VocabularyMaterial extends VocabularyNamed {
  assessable?: boolean;
  family?: string;
  [key: string]: unknown;
}

export type VocabularySpecies = VocabularyNamed & { kind?: string };

export interface VocabularyPreset extends VocabularyNamed {
  components: Component[];
  temperature_c?: number | null;
  typical_temperature_c?: number | null;
  ph?: number | null;
  [key: string]: unknown;
}

/** A violated limit of one mechanism: observed `comparison` limit triggered it. */
export interface MechanismLimit {
  parameter: string;
  comparison: string;
  limit: number;
  observed: number;
}

/** An operating limit: keep `parameter` at or below (max) / at or above (min) `value`. */
export interface OperatingLimit {
  parameter: string;
  /** 'max' or 'min'. */
  bound: string;
  value: number;
  mechanism?: string;
  source?: string;
  confidence?: string;
}

export interface SourceRef {
  source: string;
  confidence?: string;
}

export interface Vocabulary {
  materials: VocabularyMaterial[];
  species: VocabularySpecies[];
  presets: VocabularyPreset[];
  [key: string]: unknown;
}

export function componentAmount(c: Component): { unit: ConcentrationUnit; value: number } | null {
  for (const unit of CONCENTRATION_UNITS) {
    const v = c[unit];
    if (typeof v === 'number') return { unit, value: v };
  }
  return null;
}
