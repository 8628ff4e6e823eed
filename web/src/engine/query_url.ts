// Encodes a quick-query request in a readable, shareable URL query string and back.
// Example: ?material=Ti-Gr2&preset=nickel_watts&c=HCl:wt_pct:5&t=80&ph=2&crevices=1
// (crevices=0: a crevice-free design was stated; no crevices parameter: not known).
import {
  CONCENTRATION_UNITS,
  componentAmount,
  type AssessRequest,
  type Component,
  type ConcentrationUnit,
} from './types';

const NUMBER_FEATURES = ['potential_v_sce', 'anodic_polarization_v', 'velocity_m_s'] as const;
const FLAG_FEATURES = ['cathodic_protection', 'residual_stress'] as const;

export function encodeQuery(req: AssessRequest): string {
  const p = new URLSearchParams();
  p.set('material', req.material);
  const m = req.medium;
  if (m.preset) p.set('preset', m.preset);
  for (const c of m.components) {
    const a = componentAmount(c);
    if (a) p.append('c', `${c.species}:${a.unit}:${a.value}`);
  }
  if (m.temperature_c !== undefined) p.set('t', String(m.temperature_c));
  if (m.boiling) p.set('boiling', '1');
  if (m.ph !== undefined) p.set('ph', String(m.ph));
  if (m.aeration) p.set('aeration', m.aeration);
  if (m.phase && m.phase !== 'liquid') p.set('phase', m.phase);
  const f = req.features ?? {};
  if (f.crevices !== undefined) p.set('crevices', f.crevices ? '1' : '0');
  for (const k of FLAG_FEATURES) if (f[k]) p.set(k, '1');
  for (const k of NUMBER_FEATURES) if (f[k] !== undefined) p.set(k, String(f[k]));
  if (f.galvanic_couple) p.set('galvanic', f.galvanic_couple);
  return p.toString();
}

function num(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const v = Number(text);
  return Number.isFinite(v) ? v : undefined;
}

/** Returns null when the query string holds no material (nothing to restore). */
export function decodeQuery(search: string): AssessRequest | null {
  const p = new URLSearchParams(search);
  const material = p.get('material');
  if (!material) return null;
  const components: Component[] = [];
  for (const raw of p.getAll('c')) {
    const [species, unit, value] = raw.split(':');
    const v = num(value ?? null);
    if (!species || v === undefined) continue;
    if (!(CONCENTRATION_UNITS as readonly string[]).includes(unit)) continue;
    components.push({ species, [unit as ConcentrationUnit]: v });
  }
  const req: AssessRequest = { material, medium: { components } };
  const preset = p.get('preset');
  if (preset) req.medium.preset = preset;
  const t = num(p.get('t'));
  if (t !== undefined) req.medium.temperature_c = t;
  if (p.get('boiling') === '1') req.medium.boiling = true;
  const ph = num(p.get('ph'));
  if (ph !== undefined) req.medium.ph = ph;
  const aeration = p.get('aeration');
  if (aeration) req.medium.aeration = aeration;
  req.medium.phase = p.get('phase') === 'gas' ? 'gas' : 'liquid';
  const features: NonNullable<AssessRequest['features']> = {};
  const crevices = p.get('crevices');
  if (crevices === '1' || crevices === '0') features.crevices = crevices === '1';
  for (const k of FLAG_FEATURES) if (p.get(k) === '1') features[k] = true;
  for (const k of NUMBER_FEATURES) {
    const v = num(p.get(k));
    if (v !== undefined) features[k] = v;
  }
  const galvanic = p.get('galvanic');
  if (galvanic) features.galvanic_couple = galvanic;
  if (Object.keys(features).length > 0) req.features = features;
  return req;
}
