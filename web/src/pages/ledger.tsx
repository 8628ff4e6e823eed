// Ledger explorer: the latest signed checkpoint, one entry, and an inclusion proof verified in
// this browser (WebCrypto SHA-256, Ed25519 where supported), showing every step.
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components/field';
import { ProblemBox } from '../components/problem';
import { formatDate, formatNumber, t } from '../i18n';
import { DateText } from '../components/date_text';
import { get, getBytes, type Problem } from '../lib/api';
import { hasLabel, label } from '../lib/labels';
import {
  base64ToBytes,
  bytesToBase64,
  bytesToHex,
  leafHash,
  parseCheckpoint,
  parseVerifierKey,
  verifyCheckpointSignature,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
  type InclusionOutcome,
  type SignatureOutcome,
} from '../ledger/verify';

interface Loaded {
  text: string;
  checkpoint: Checkpoint | null;
  parseError?: string;
  key?: string;
  signature?: SignatureOutcome;
  keyError?: string;
  consistency?: ConsistencyView;
  consistencyProblem?: Problem;
}

/** The last checkpoint this browser verified for a log, kept to check the next one against. */
interface SeenCheckpoint {
  size: number;
  root: string;
  seenAt: string;
}

type ConsistencyView =
  | { status: 'first' }
  | { status: 'same' | 'ok' | 'fail' | 'smaller'; old: SeenCheckpoint; steps: number };

const seenKey = (origin: string) => `rutile.ledger.seen.${origin}`;

function loadSeen(origin: string): SeenCheckpoint | null {
  try {
    const raw = localStorage.getItem(seenKey(origin));
    const v = raw ? (JSON.parse(raw) as SeenCheckpoint) : null;
    return v && typeof v.size === 'number' && typeof v.root === 'string' ? v : null;
  } catch {
    return null;
  }
}

function saveSeen(cp: Checkpoint): void {
  try {
    const v: SeenCheckpoint = {
      size: cp.size,
      root: bytesToBase64(cp.rootHash),
      seenAt: new Date().toISOString(),
    };
    localStorage.setItem(seenKey(cp.origin), JSON.stringify(v));
  } catch {
    // Without storage there is nothing to compare with next time.
  }
}

/** Checks the new checkpoint against the one this browser saw before (RFC 9162 §2.1.4.2). */
async function checkConsistency(cp: Checkpoint): Promise<ConsistencyView | Problem> {
  const old = loadSeen(cp.origin);
  if (!old) return { status: 'first' };
  if (old.size > cp.size) return { status: 'smaller', old, steps: 0 };
  let oldRoot: Uint8Array;
  try {
    oldRoot = base64ToBytes(old.root);
  } catch {
    return { status: 'first' };
  }
  if (old.size === cp.size) {
    const same = bytesToHex(oldRoot) === bytesToHex(cp.rootHash);
    return { status: same ? 'same' : 'fail', old, steps: 0 };
  }
  let hashes: Uint8Array[] = [];
  if (old.size > 0) {
    const r = await get<{ hashes: string[] }>(
      `/api/v1/ledger/proof/consistency?from=${old.size}&size=${cp.size}`,
    );
    if (!r.ok) return r.problem;
    try {
      hashes = r.value.hashes.map(base64ToBytes);
    } catch {
      return { status: 'fail', old, steps: 0 };
    }
  }
  const out = await verifyConsistency(old.size, cp.size, oldRoot, cp.rootHash, hashes);
  return { status: out.ok ? 'ok' : 'fail', old, steps: hashes.length };
}

/** One row of GET /api/v1/ledger/recent. */
export interface ListedEntry {
  index: number;
  record_type: string;
  record_id: string;
  time: string;
  org_id: number;
  region: string;
}

interface RecentPage {
  entries: ListedEntry[];
  next_before: number | null;
}

/** The kinds of record the log holds, for the search filter (labels:ledger_kind). */
export const LEDGER_KINDS = [
  'organization',
  'organization.registered',
  'organization.real_name_approved',
  'organization.park_joined',
  'organization.association_joined',
  'standard.release',
  'case.publication',
  'bulletin.publication',
  'bulletin.withdrawal',
  'certificate.issue',
] as const;

/** The query string of one page of the recent-entries listing. */
export function recentQuery(kind: string, subject: string, before: number | null): string {
  const q = new URLSearchParams({ limit: '20' });
  if (kind) q.set('kind', kind);
  if (subject.trim()) q.set('q', subject.trim());
  if (before !== null) q.set('before', String(before));
  return q.toString();
}

function kindLabel(kind: string): string {
  return kind === 'organization'
    ? t('ledger.kind_organization_any')
    : hasLabel('ledger_kind', kind)
      ? label('ledger_kind', kind)
      : t('ledger.kind_other');
}

/** Recent entries, newest first, searchable by kind and subject; "verify" looks one up below. */
function RecentEntries({ onVerify }: { onVerify: (index: number) => void }) {
  const [kind, setKind] = useState('');
  const [subject, setSubject] = useState('');
  const [rows, setRows] = useState<ListedEntry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  /** The entries matching `search` older than `before` (null: the newest). */
  async function load(search: { kind: string; subject: string }, before: number | null) {
    setBusy(true);
    setProblem(null);
    const q = recentQuery(search.kind, search.subject, before);
    const r = await get<RecentPage>(`/api/v1/ledger/recent?${q}`);
    setBusy(false);
    if (!r.ok) return setProblem(r.problem);
    setRows((old) => (before === null ? r.value.entries : [...(old ?? []), ...r.value.entries]));
    setNext(r.value.next_before);
  }

  useEffect(() => {
    void load({ kind: '', subject: '' }, null);
  }, []);

  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">{t('ledger.recent')}</h2>
      <form
        noValidate
        class="ledger-search"
        aria-busy={busy}
        onSubmit={(ev) => {
          ev.preventDefault();
          void load({ kind, subject }, null);
        }}
      >
        <Field id="ledger-kind" label={t('ledger.kind')}>
          <select id="ledger-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="">{t('ledger.kind_all')}</option>
            {LEDGER_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="ledger-subject" label={t('ledger.subject')} hint={t('ledger.subject_hint')}>
          <input
            id="ledger-subject"
            type="search"
            value={subject}
            maxLength={128}
            onInput={(e) => setSubject(e.currentTarget.value)}
          />
        </Field>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('ledger.search')}
          </button>
        </div>
      </form>
      <ProblemBox problem={problem} />
      {rows && rows.length === 0 && <p role="status">{t('ledger.none_found')}</p>}
      {rows && rows.length > 0 && (
        <ol class="ledger-list" data-testid="ledger-recent">
          {rows.map((e) => (
            <li key={e.index} class="ledger-row">
              <span class="ledger-kind">{kindLabel(e.record_type)}</span>
              <span class="ledger-subject">
                {t('ledger.subject')}: <bdi translate={false}>{e.record_id}</bdi>
              </span>
              <span class="ledger-meta">
                {t('ledger.entry_n', { n: e.index })} · <DateText iso={e.time} />
                {e.region && hasLabel('region', e.region) && <> · {label('region', e.region)}</>}
              </span>
              <button type="button" onClick={() => onVerify(e.index)}>
                {t('ledger.verify_this')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {next !== null && rows && (
        <button type="button" disabled={busy} onClick={() => void load({ kind, subject }, next)}>
          {t('ledger.older')}
        </button>
      )}
    </section>
  );
}

interface EntryView {
  index: number;
  size: number;
  bytes: Uint8Array;
  info: unknown;
  leaf: string;
  outcome: InclusionOutcome;
}

export default function LedgerPage() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [index, setIndex] = useState('');
  const [entry, setEntry] = useState<EntryView | null>(null);
  const [entryProblem, setEntryProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function loadCheckpoint() {
    setProblem(null);
    const [cp, key] = await Promise.all([
      get<string>('/api/v1/ledger/checkpoint'),
      get<string>('/api/v1/ledger/verifier-key'),
    ]);
    if (!cp.ok) {
      setProblem(cp.problem);
      return;
    }
    const view: Loaded = { text: String(cp.value), checkpoint: null };
    try {
      view.checkpoint = parseCheckpoint(view.text);
    } catch (err) {
      view.parseError = err instanceof Error ? err.message : String(err);
    }
    if (key.ok) {
      view.key = String(key.value).trim();
      if (view.checkpoint) {
        try {
          view.signature = await verifyCheckpointSignature(
            view.checkpoint,
            parseVerifierKey(view.key),
          );
        } catch (err) {
          view.keyError = err instanceof Error ? err.message : String(err);
        }
      }
    } else {
      view.keyError = key.problem.detail ?? key.problem.title;
    }
    const sigOk = view.signature?.status === 'valid' || view.signature?.status === 'unsupported';
    if (view.checkpoint && sigOk) {
      const c = await checkConsistency(view.checkpoint);
      if ('status' in c && typeof c.status === 'string') {
        view.consistency = c;
        // Remember only a checkpoint that is signed and consistent with what was seen before.
        if (c.status === 'first' || c.status === 'ok' || c.status === 'same')
          saveSeen(view.checkpoint);
      } else {
        view.consistencyProblem = c;
      }
    }
    setLoaded(view);
    // Offer the newest entry unless the reader already chose one.
    const size = view.checkpoint?.size ?? 0;
    if (size > 0) setIndex((i) => (i === '' ? String(size - 1) : i));
  }

  useEffect(() => {
    void loadCheckpoint();
  }, []);

  async function lookUp(ev: Event) {
    ev.preventDefault();
    await verifyEntry(Number(index));
  }

  async function verifyEntry(i: number) {
    const cp = loaded?.checkpoint;
    if (!cp) return;
    setBusy(true);
    setEntry(null);
    setEntryProblem(null);
    const [bytes, info, proof] = await Promise.all([
      getBytes(`/api/v1/ledger/entries/${i}`),
      get<unknown>(`/api/v1/ledger/entries/${i}/info`),
      get<{ hashes: string[] }>(`/api/v1/ledger/proof/inclusion?index=${i}&size=${cp.size}`),
    ]);
    setBusy(false);
    if (!bytes.ok) return setEntryProblem(bytes.problem);
    if (!proof.ok) return setEntryProblem(proof.problem);
    const leaf = await leafHash(bytes.value);
    let hashes: Uint8Array[];
    try {
      hashes = proof.value.hashes.map(base64ToBytes);
    } catch {
      return setEntryProblem({
        title: t('ledger.bad_proof'),
        status: 0,
        errors: [],
        network: false,
      });
    }
    const outcome = await verifyInclusion(i, cp.size, leaf, hashes, cp.rootHash);
    setEntry({
      index: i,
      size: cp.size,
      bytes: bytes.value,
      info: info.ok ? info.value : null,
      leaf: bytesToHex(leaf),
      outcome,
    });
    document.getElementById('entry-title')?.scrollIntoView({ block: 'start' });
  }

  const cp = loaded?.checkpoint;
  const sig = loaded?.signature;
  return (
    <>
      <h1>{t('ledger.title')}</h1>
      <p>{t('ledger.intro')}</p>
      <ProblemBox problem={problem} />
      <RecentEntries
        onVerify={(i) => {
          setIndex(String(i));
          void verifyEntry(i);
        }}
      />
      {loaded && (
        <section aria-labelledby="cp-title">
          <h2 id="cp-title">{t('ledger.checkpoint')}</h2>
          <pre class="note" data-testid="checkpoint-text" translate={false}>
            {loaded.text}
          </pre>
          {loaded.parseError && (
            <p class="bad" role="alert">
              {t('ledger.parse_error', { error: loaded.parseError })}
            </p>
          )}
          {cp && (
            <table>
              <tbody>
                <tr>
                  <th scope="row">{t('ledger.origin')}</th>
                  <td class="hash" translate={false}>
                    {cp.origin}
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t('ledger.size')}</th>
                  <td>{formatNumber(cp.size, 0)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('ledger.root')}</th>
                  <td class="hash" translate={false}>
                    {bytesToHex(cp.rootHash)}
                  </td>
                </tr>
                <tr>
                  <th scope="row">{t('ledger.key')}</th>
                  <td class="hash" translate={false}>
                    {loaded.key ?? '—'}
                  </td>
                </tr>
              </tbody>
            </table>
          )}
          <h3>{t('ledger.signature')}</h3>
          <ol class="steps">
            <li>{t('ledger.sig_step_body')}</li>
            {sig && (
              <li>
                {t('ledger.sig_step_keyid')}{' '}
                <span class="hash" translate={false}>
                  {sig.computedKeyId}
                </span>{' '}
                —{' '}
                <span class={sig.keyIdMatches ? 'ok' : 'bad'}>
                  {sig.keyIdMatches ? t('ledger.matches') : t('ledger.differs')}
                </span>
              </li>
            )}
            <li data-testid="signature-status">
              {loaded.keyError && (
                <span class="bad">{t('ledger.key_error', { error: loaded.keyError })}</span>
              )}
              {sig?.status === 'valid' && <span class="ok">{t('ledger.sig_valid')}</span>}
              {sig?.status === 'invalid' && <span class="bad">{t('ledger.sig_invalid')}</span>}
              {sig?.status === 'no_matching_signature' && (
                <span class="bad">{t('ledger.sig_missing')}</span>
              )}
              {sig?.status === 'unsupported' && <span>{t('ledger.sig_unsupported')}</span>}
            </li>
          </ol>
          {(loaded.consistency || loaded.consistencyProblem) && (
            <>
              <h3>{t('ledger.consistency')}</h3>
              <ProblemBox problem={loaded.consistencyProblem ?? null} />
              {loaded.consistency && (
                <ConsistencyLine view={loaded.consistency} size={cp?.size ?? 0} />
              )}
            </>
          )}
          <button type="button" onClick={() => void loadCheckpoint()}>
            {t('ledger.reload')}
          </button>
        </section>
      )}

      {cp && (
        <section aria-labelledby="entry-title">
          <h2 id="entry-title">{t('ledger.entry')}</h2>
          {cp.size === 0 ? (
            <p>{t('ledger.empty')}</p>
          ) : (
            <form noValidate onSubmit={lookUp} aria-busy={busy}>
              <Field id="ledger-index" label={t('ledger.index', { max: cp.size - 1 })}>
                <input
                  id="ledger-index"
                  type="number"
                  min="0"
                  max={cp.size - 1}
                  step="1"
                  inputMode="numeric"
                  value={index}
                  onInput={(e) => setIndex(e.currentTarget.value)}
                />
              </Field>
              <div class="actions">
                <button type="submit" class="primary" disabled={busy || index === ''}>
                  {t('ledger.verify')}
                </button>
              </div>
            </form>
          )}
          <ProblemBox problem={entryProblem} />
          {entry && <EntryDetails entry={entry} root={bytesToHex(cp.rootHash)} />}
        </section>
      )}
    </>
  );
}

function EntryDetails({ entry, root }: { entry: EntryView; root: string }) {
  const { outcome } = entry;
  const preview = bytesToHex(entry.bytes.slice(0, 64));
  const info = entry.info as { leaf_hash_hex?: unknown } | null;
  const serverLeaf =
    typeof info?.leaf_hash_hex === 'string' ? info.leaf_hash_hex.toLowerCase() : null;
  return (
    <div class="result-card">
      <h3>{t('ledger.entry_n', { n: entry.index })}</h3>
      {entry.info !== null && <EntryInfo info={entry.info} />}
      <p>
        {t('ledger.bytes', { n: entry.bytes.length })}:{' '}
        <span class="hash" translate={false}>
          {preview}
          {entry.bytes.length > 64 ? '…' : ''}
        </span>
      </p>
      <h3>{t('ledger.proof_steps')}</h3>
      <ol class="steps">
        <li>
          {t('ledger.step_leaf')}{' '}
          <span class="hash" translate={false}>
            {entry.leaf}
          </span>
          {serverLeaf && (
            <>
              {' — '}
              {t('ledger.server_leaf')}{' '}
              <span class={serverLeaf === entry.leaf ? 'ok' : 'bad'}>
                {serverLeaf === entry.leaf ? t('ledger.matches') : t('ledger.differs')}
              </span>
            </>
          )}
        </li>
        {outcome.steps.map((s, i) => (
          <li key={i}>
            {s.side === 'left' ? t('ledger.step_left') : t('ledger.step_right')}{' '}
            <span class="hash" translate={false}>
              {s.sibling}
            </span>
            <br />→{' '}
            <span class="hash" translate={false}>
              {s.result}
            </span>
          </li>
        ))}
        <li>
          {t('ledger.step_compare')}{' '}
          <span class="hash" translate={false}>
            {root}
          </span>
        </li>
      </ol>
      <p data-testid="inclusion-status" class={outcome.ok ? 'ok' : 'bad'} role="status">
        {outcome.ok
          ? t('ledger.included', { index: entry.index, size: entry.size })
          : t(`ledger.fail.${outcome.failure ?? 'root_mismatch'}`)}
      </p>
    </div>
  );
}

/** The decoded entry from /entries/{i}/info, each field under its label. */
function EntryInfo({ info }: { info: unknown }) {
  if (typeof info !== 'object' || info === null) return null;
  const v = info as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === 'string' ? v[k] : '');
  const kind = str('record_type');
  const region = str('region');
  return (
    <table>
      <tbody>
        <tr>
          <th scope="row">{t('ledger.kind')}</th>
          <td>
            {hasLabel('ledger_kind', kind) ? label('ledger_kind', kind) : t('ledger.kind_other')}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('ledger.subject')}</th>
          <td>
            <bdi translate={false}>{str('record_id')}</bdi>
          </td>
        </tr>
        {str('time') && (
          <tr>
            <th scope="row">{t('ledger.time')}</th>
            <td>
              <DateText iso={str('time')} />
            </td>
          </tr>
        )}
        {region && hasLabel('region', region) && (
          <tr>
            <th scope="row">{t('ledger.region')}</th>
            <td>{label('region', region)}</td>
          </tr>
        )}
        <tr>
          <th scope="row">{t('ledger.content_hash')}</th>
          <td class="hash" translate={false}>
            {str('content_sha256')}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('ledger.leaf_hash')}</th>
          <td class="hash" translate={false}>
            {str('leaf_hash_hex')}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function ConsistencyLine({ view, size }: { view: ConsistencyView; size: number }) {
  if (view.status === 'first')
    return <p data-testid="consistency-status">{t('ledger.consistency_first')}</p>;
  const args = { old: view.old.size, size, date: formatDate(view.old.seenAt), steps: view.steps };
  const good = view.status === 'ok' || view.status === 'same';
  return (
    <p data-testid="consistency-status" class={good ? 'ok' : 'bad'} role="status">
      {t(`ledger.consistency_${view.status}`, args)}
    </p>
  );
}
