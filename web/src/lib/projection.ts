// Straight-line thickness projection used by the remaining-life chart: from the latest reading,
// thickness falls at the governing rate until it reaches the required thickness.

export interface Reading {
  date: string;
  thickness_mm: number;
}

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

export function addYears(date: string, years: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + years * YEAR_DAYS * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Returns the projected points (first = latest reading). With no positive rate, or no required
 * thickness, the line runs flat / for `horizonYears`.
 */
export function projectThickness(
  readings: Reading[],
  rateMmPerYear: number | undefined,
  requiredMm: number | undefined,
  horizonYears = 10,
): Reading[] {
  if (readings.length === 0) return [];
  const last = [...readings].sort((a, b) => a.date.localeCompare(b.date))[readings.length - 1];
  const rate = rateMmPerYear && rateMmPerYear > 0 ? rateMmPerYear : 0;
  let years = horizonYears;
  if (rate > 0 && requiredMm !== undefined && last.thickness_mm > requiredMm) {
    years = (last.thickness_mm - requiredMm) / rate;
  } else if (rate > 0 && requiredMm !== undefined) {
    years = 0;
  }
  const end = {
    date: addYears(last.date, years),
    thickness_mm: Math.round((last.thickness_mm - rate * years) * 1000) / 1000,
  };
  return [last, end];
}
