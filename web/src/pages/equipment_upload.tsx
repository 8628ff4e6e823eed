// Readings file upload on an equipment item: the server's CSV and XLSX templates to download (in
// the reader's language), a CSV or XLSX file (header type, value, unit, measured_at) sent with
// XMLHttpRequest so the upload progress can be shown, and the file's errors listed by row when the
// server refuses it (a bad file changes nothing); an unknown type is named with the known ones.
import { useState } from 'preact/hooks';
import { Field } from '../components/field';
import { ProblemBox } from '../components/problem';
import { currentLanguage, t } from '../i18n';
import { networkProblem, type FieldError, type Problem } from '../lib/api';
import { label } from '../lib/labels';
import { fieldMessage } from '../lib/messages';

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

/** The server's readings template in a format and language (public, documented in the file). */
export function templateHref(format: 'csv' | 'xlsx', lang: string): string {
  return `/api/v1/readings/template.${format}?lang=${encodeURIComponent(lang)}`;
}

/** "rows[4].type" -> { row: 4, column: 'type' }; "rows[4]" -> { row: 4 }; null for other fields. */
export function rowOf(field: string): { row: number; column?: string } | null {
  const m = /^rows\[(\d+)\](?:\.([a-z_]+))?$/.exec(field);
  if (!m) return null;
  return m[2] ? { row: Number(m[1]), column: m[2] } : { row: Number(m[1]) };
}

/** The type codes of an unknown-type error's "known" parameter ("ph (pH), current_a (A)"). */
export function knownTypes(known: string | undefined): string[] {
  if (!known) return [];
  return known
    .split(',')
    .map((part) => part.trim().split(' ')[0])
    .filter((code) => /^[a-z0-9_]+$/.test(code));
}

const COLUMNS = new Set(['type', 'value', 'unit', 'measured_at']);

/** Where an error is: "Row 4 · Type", "Row 4", or "The file". */
function placeOf(field: string): string {
  const at = rowOf(field);
  if (!at) return t('readings:upload.file');
  const row = t('readings:upload.row', { row: at.row });
  return at.column && COLUMNS.has(at.column)
    ? `${row} · ${t(`readings:upload.column.${at.column}`)}`
    : row;
}

/** A refused file's errors, each next to its row, in the reader's language. */
function RowErrors({ errors }: { errors: FieldError[] }) {
  return (
    <div class="problem readings-row-errors" role="alert" data-testid="readings-row-errors">
      <strong>{t('readings:upload.rows_refused')}</strong>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.field}-${i}`} data-field={e.field}>
            <strong>{placeOf(e.field)}</strong>:{' '}
            {e.code === 'field.unknown_reading_type' ? (
              <>
                {t('readings:upload.unknown_type')}{' '}
                <bdi>
                  <code translate={false}>{e.params?.type}</code>
                </bdi>
                <br />
                {t('readings:upload.known_types')}
                <ul class="readings-known-list">
                  {knownTypes(String(e.params?.known ?? '')).map((code) => (
                    <li key={code} class="readings-known">
                      {label('reading_type', code)}{' '}
                      <bdi>
                        <code translate={false}>{code}</code>
                      </bdi>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              fieldMessage(e)
            )}
          </li>
        ))}
      </ul>
    </div>
  );
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
        .map((e) => ({
          field: String(e.field),
          message: typeof e.message === 'string' ? e.message : '',
          ...(typeof e.code === 'string' ? { code: e.code } : {}),
          ...(e.params && typeof e.params === 'object'
            ? {
                params: Object.fromEntries(
                  Object.entries(e.params).map(([k, v]) => [k, String(v)]),
                ),
              }
            : {}),
        }))
    : [];
  return {
    type: typeof body.type === 'string' ? body.type : undefined,
    code: typeof body.code === 'string' ? body.code : undefined,
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
  const lang = currentLanguage();

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
      <div class="readings-templates" data-testid="readings-templates">
        <p id={`${id}-templates`}>{t('readings:upload.templates')}</p>
        <ul aria-labelledby={`${id}-templates`}>
          <li>
            <a href={templateHref('csv', lang)} download data-testid="readings-template-csv">
              {t('readings:upload.template_csv')}
            </a>
          </li>
          <li>
            <a href={templateHref('xlsx', lang)} download data-testid="readings-template-xlsx">
              {t('readings:upload.template_xlsx')}
            </a>
          </li>
        </ul>
        <p class="hint">{t('readings:upload.templates_hint')}</p>
      </div>
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
          <button type="submit" disabled={progress !== null}>
            {progress !== null ? t('common.working') : t('equipment:up.send')}
          </button>
        </div>
      </form>
      <p aria-live="polite" data-testid="readings-upload-message">
        {message}
      </p>
      {problem && problem.errors.length > 0 ? (
        <RowErrors errors={problem.errors} />
      ) : (
        <ProblemBox problem={problem} />
      )}
    </section>
  );
}
