// Readings file upload on an equipment item: a CSV or XLSX file (header type, value, unit,
// measured_at) sent with XMLHttpRequest so the upload progress can be shown, and the file's
// per-row errors listed when the server refuses it (a bad file changes nothing).
import { useState } from 'preact/hooks';
import { Field } from '../components/field';
import { ProblemBox } from '../components/problem';
import { t } from '../i18n';
import { networkProblem, type FieldError, type Problem } from '../lib/api';

/**
 * The reading types the archive accepts with the unit each is entered in: `unit` is sent to the
 * API, `shown` is printed next to the field.
 */
export const READING_FORMS = [
  { type: 'bath_temperature_c', unit: 'C', shown: '°C' },
  { type: 'ph', unit: 'pH', shown: 'pH' },
  { type: 'chloride_mg_l', unit: 'mg/L', shown: 'mg/L' },
  { type: 'fluoride_mg_l', unit: 'mg/L', shown: 'mg/L' },
  { type: 'conductivity_us_cm', unit: 'uS/cm', shown: 'µS/cm' },
  { type: 'sheath_temperature_c', unit: 'C', shown: '°C' },
  { type: 'current_a', unit: 'A', shown: 'A' },
  { type: 'potential_v_sce', unit: 'V_SCE', shown: 'V (SCE)' },
  { type: 'wall_thickness_mm', unit: 'mm', shown: 'mm' },
] as const;

/**
 * A CSV template: '#' comment lines (skipped by the import) name every type code with its unit
 * and what it measures (`describe`, in the reader's language), then the header row.
 */
export function readingsTemplate(describe: (type: string) => string, intro: string[]): string {
  const lines = intro.map((l) => `# ${l}`);
  for (const r of READING_FORMS) lines.push(`# ${r.type} (${r.unit}): ${describe(r.type)}`);
  lines.push('type,value,unit,measured_at');
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Offers the CSV template as a download. */
function downloadTemplate() {
  const text = readingsTemplate(
    (type) => t(`equipment:eq.reading_${type}`),
    [t('equipment:up.template_intro'), t('equipment:up.template_columns')],
  );
  const href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = href;
  a.download = 'readings-template.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import route suffix and content type for a file name, or null for other files. */
export function uploadTarget(fileName: string): { route: string; contentType: string } | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return { route: 'readings/csv', contentType: 'text/csv' };
  if (lower.endsWith('.xlsx')) return { route: 'readings/xlsx', contentType: XLSX_TYPE };
  return null;
}

/** A problem from an error answer's status and body (problem+json, or anything else). */
export function problemFromText(status: number, text: string): Problem {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: keep the status only.
  }
  const errors: FieldError[] = Array.isArray(body.errors)
    ? (body.errors as Array<Record<string, unknown>>)
        .filter((e) => e && typeof e === 'object' && 'field' in e)
        .map((e) => ({ field: String(e.field), message: String(e.message ?? '') }))
    : [];
  return {
    title: typeof body.title === 'string' ? body.title : `HTTP ${status}`,
    status,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    errors,
    network: false,
  };
}

/** Percentage of an upload, 0..100. */
export function percentOf(loaded: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
}

export function ReadingsUpload({ itemId, onStored }: { itemId: number; onStored: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const id = `eq-upload-${itemId}`;

  function submit(ev: Event) {
    ev.preventDefault();
    setMessage(null);
    setProblem(null);
    const target = file ? uploadTarget(file.name) : null;
    if (!file || !target) {
      setFileError(t('equipment:up.pick'));
      return;
    }
    setFileError(undefined);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/equipment/${itemId}/${target.route}`);
    xhr.setRequestHeader('Content-Type', target.contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => setProgress(percentOf(e.loaded, e.total));
    xhr.onerror = () => {
      setProgress(null);
      setProblem(networkProblem('network'));
    };
    xhr.onload = () => {
      setProgress(null);
      if (xhr.status >= 200 && xhr.status < 300) {
        let stored = 0;
        try {
          const body = JSON.parse(xhr.responseText) as { reading_ids?: unknown[] };
          stored = body.reading_ids?.length ?? 0;
        } catch {
          // An empty answer still means the file was stored.
        }
        setMessage(t('equipment:up.stored', { n: stored }));
        onStored();
      } else setProblem(problemFromText(xhr.status, xhr.responseText));
    };
    setProgress(0);
    xhr.send(file);
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('equipment:up.title')}</h3>
      <form onSubmit={submit} noValidate data-testid="readings-upload">
        <Field
          id={id}
          label={t('equipment:up.file')}
          hint={t('equipment:up.hint')}
          error={fileError}
        >
          <input
            id={id}
            type="file"
            accept=".csv,.xlsx,text/csv"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            aria-describedby={`${id}-hint${fileError ? ` ${id}-error` : ''}`}
            aria-invalid={fileError ? true : undefined}
          />
        </Field>
        {progress !== null && (
          <progress max={100} value={progress} aria-label={t('equipment:up.progress')}>
            {progress} %
          </progress>
        )}
        <div class="actions">
          <button type="button" onClick={downloadTemplate} data-testid="readings-template">
            {t('equipment:up.template')}
          </button>
          <button type="submit" disabled={progress !== null}>
            {progress !== null ? t('common.working') : t('equipment:up.send')}
          </button>
        </div>
      </form>
      <p aria-live="polite" data-testid="readings-upload-message">
        {message}
      </p>
      <ProblemBox problem={problem} />
    </section>
  );
}
