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
  limits?: unknown;
  sources?: unknown;
}

export interface AssessResult {
  grade: number;
  verdict: 'low' | 'moderate' | 'high' | 'prohibited' | string;
  mechanisms: Mechanism[];
  general_rate_mm_per_y?: number | null;
  operating_limits?: unknown;
  mitigations?: unknown;
  alternatives?: Array<{ material: string; grade: number }>;
  warnings?: unknown;
  knowledge_version?: string;
}

export interface VocabularyMaterial {
  id: string;
  name?: string;
  [key: string]: unknown;
}

export interface VocabularySpecies {
  id: string;
  name?: string;
  aliases?: string[];
}

export interface VocabularyPreset {
  id: string;
  name?: string;
  components: Component[];
  temperature_c?: number;
  [key: string]: unknown;
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
