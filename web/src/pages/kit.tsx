// The free basic kit for micro workshops, open to everyone: the compliant material positive list
// (computed by the risk engine; each row opens the quick query and the clauses resting on it),
// the forbidden reagent blacklist with mechanisms and sources, and three operating guides, the
// leak guide drawn as a flowchart. The same kit is offered as a PDF in the reader's language, and
// the page prints cleanly.
import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ProblemBox } from '../components/problem';
import { currentLanguage, formatNumber, kb, t } from '../i18n';
import { get, type Problem } from '../lib/api';
import { onLinkClick } from '../lib/router';
import {
  clauseHref,
  flowEdges,
  formatRange,
  groupByPreset,
  pdfHref,
  quickQueryHref,
  unitSymbol,
  type Bath,
  type Guide,
  type GuideStep,
  type KitSource,
  type PositiveList,
  type Reagent,
} from './kit_model';

interface KitData {
  positive: PositiveList;
  blacklist: Reagent[];
  guides: Guide[];
}

async function loadKit(): Promise<{ ok: true; value: KitData } | { ok: false; problem: Problem }> {
  const [positive, blacklist, guides] = await Promise.all([
    get<PositiveList>('/api/v1/kit/positive-list'),
    get<{ reagents: Reagent[] }>('/api/v1/kit/blacklist'),
    get<{ guides: Guide[] }>('/api/v1/kit/guides'),
  ]);
  if (!positive.ok) return positive;
  if (!blacklist.ok) return blacklist;
  if (!guides.ok) return guides;
  return {
    ok: true,
    value: {
      positive: positive.value,
      blacklist: blacklist.value.reagents,
      guides: guides.value.guides,
    },
  };
}

const num = (n: number) => formatNumber(n, 0);

function Sources({ sources }: { sources: KitSource[] }) {
  if (sources.length === 0) return null;
  return (
    <div class="kit-sources">
      {t('kit:sources')}
      {t('kit:colon')}
      <ul>
        {sources.map((s) => (
          <li key={s.id}>
            <cite lang="en" dir="ltr">
              {s.citation}
            </cite>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Composition({ bath }: { bath: Bath | undefined }) {
  if (!bath) return null;
  const parts = bath.components.map((c) => (
    <span key={c.species} class="kit-component">
      {kb('species', c.species)}{' '}
      <bdi>
        {formatNumber(c.value, 3)} {unitSymbol(c.unit)}
      </bdi>
    </span>
  ));
  return (
    <p class="kit-composition">
      {t('kit:positive.composition')}
      {t('kit:colon')}
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && t('kit:list_separator')}
          {p}
        </Fragment>
      ))}
      {bath.ph !== undefined && (
        <>
          {parts.length > 0 && t('kit:list_separator')}
          <span class="kit-component">
            <bdi>pH {formatNumber(bath.ph, 2)}</bdi>
          </span>
        </>
      )}
    </p>
  );
}

/** True while the browser prints, so every bath's list is open on paper. */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const on = () => setPrinting(true);
    const off = () => setPrinting(false);
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    return () => {
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
    };
  }, []);
  return printing;
}

function PositiveSection({ list }: { list: PositiveList }) {
  const groups = groupByPreset(list.rows);
  const printing = usePrinting();
  return (
    <section class="kit-section" aria-labelledby="kit-positive">
      <h2 id="kit-positive">{t('kit:positive.title')}</h2>
      <p>{t('kit:positive.intro')}</p>
      <p class="kit-hint no-print">{t('kit:positive.open_hint')}</p>
      <div class="kit-baths">
        {groups.map((g) => (
          <details
            class="kit-bath card"
            key={g.preset}
            data-testid={`kit-bath-${g.preset}`}
            open={printing || undefined}
          >
            <summary>
              <h3>{kb('preset', g.preset)}</h3>
              <span class="kit-count">{t('kit:positive.count', { n: g.rows.length })}</span>
            </summary>
            <Composition bath={list.baths?.find((b) => b.preset === g.preset)} />
            <ul class="kit-rows">
              {g.rows.map((row) => (
                <li key={`${row.material}-${row.temperature_min_c}`} class="kit-row">
                  <span class="kit-material">{kb('material', row.material)}</span>
                  <span class={`kit-grade grade-${row.grade}`}>
                    {kb('verdict', row.grade <= 1 ? 'low' : 'moderate')}
                  </span>
                  <span class="kit-range">
                    <bdi>{formatRange(row.temperature_min_c, row.temperature_max_c, num)}</bdi>
                  </span>
                  <span class="kit-links no-print">
                    <a href={quickQueryHref(row)} onClick={onLinkClick}>
                      {t('kit:positive.query')}
                    </a>
                    {row.clauses.length > 0 && (
                      <>
                        {' · '}
                        {t('kit:positive.clauses')}
                        {t('kit:colon')}
                        {row.clauses.map((c, i) => (
                          <span key={c.id}>
                            {i > 0 ? ', ' : ''}
                            <a href={clauseHref(c.id)} onClick={onLinkClick}>
                              <bdi>{c.number}</bdi>
                            </a>
                          </span>
                        ))}
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </div>
      <p class="kit-note">{t('kit:positive.note')}</p>
    </section>
  );
}

function BlacklistSection({ reagents }: { reagents: Reagent[] }) {
  return (
    <section class="kit-section" aria-labelledby="kit-blacklist">
      <h2 id="kit-blacklist">{t('kit:blacklist.title')}</h2>
      <p>{t('kit:blacklist.intro')}</p>
      <ul class="kit-blacklist">
        {reagents.map((r) => (
          <li key={r.code} class="card kit-reagent" data-testid={`kit-reagent-${r.code}`}>
            <h3>{t(`kit:blacklist.${r.code}.name`)}</h3>
            <p class="kit-mechanism">
              {t('kit:blacklist.mechanism')}
              {t('kit:colon')}
              {kb('mechanism', r.mechanism)}
            </p>
            <p>{t(`kit:blacklist.${r.code}.reason`)}</p>
            {r.confidence === 'uncertain' && (
              <p class="kit-uncertain">{t('kit:blacklist.uncertain')}</p>
            )}
            <Sources sources={r.sources} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function StepList({ guide }: { guide: Guide }) {
  return (
    <ol class="kit-steps">
      {guide.steps.map((s) => (
        <li key={s.code}>
          {t(`kit:guide.${guide.code}.${s.code}`)}
          <Sources sources={s.sources} />
        </li>
      ))}
    </ol>
  );
}

/** Lane width (px) on the inline-start side where arrows that skip boxes run. */
const LANE = 30;

/**
 * The guide as a flowchart: boxes top to bottom, decisions marked, arrows drawn in an SVG laid
 * over the boxes once they are measured. An arrow to the next box runs straight down; an arrow
 * that skips boxes runs in the lane on the inline-start side (left, or right in Arabic).
 */
function Flowchart({ guide }: { guide: Guide }) {
  const box = useRef<HTMLDivElement>(null);
  const [geometry, setGeometry] = useState<{ w: number; h: number; rects: DOMRect[] } | null>(null);
  const edges = flowEdges(guide.steps);
  const rtl = currentLanguage() === 'ar';

  useLayoutEffect(() => {
    const measure = () => {
      const el = box.current;
      if (!el) return;
      const origin = el.getBoundingClientRect();
      const rects = [...el.querySelectorAll<HTMLElement>('.flow-node')].map((n) => {
        const r = n.getBoundingClientRect();
        return new DOMRect(r.left - origin.left, r.top - origin.top, r.width, r.height);
      });
      setGeometry({ w: origin.width, h: origin.height, rects });
    };
    measure();
    const observer = new ResizeObserver(measure);
    if (box.current) observer.observe(box.current);
    // Paper is wider or narrower than the screen: measure again for the printed layout.
    const print = window.matchMedia('print');
    print.addEventListener('change', measure);
    return () => {
      observer.disconnect();
      print.removeEventListener('change', measure);
    };
  }, [guide]);

  const number = (code: string | undefined) =>
    code === undefined ? 0 : guide.steps.findIndex((s) => s.code === code) + 1;

  return (
    <div class="flowchart" ref={box} style={{ paddingInlineStart: `${LANE}px` }}>
      {geometry && (
        <svg
          class="flow-arrows"
          width={geometry.w}
          height={geometry.h}
          viewBox={`0 0 ${geometry.w} ${geometry.h}`}
          aria-hidden="true"
        >
          <defs>
            <marker
              id="flow-head"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" class="flow-head" />
            </marker>
          </defs>
          {edges.map((e) => {
            const a = geometry.rects[e.from];
            const b = geometry.rects[e.to];
            if (!a || !b) return null;
            if (!e.skip) {
              const x = a.x + a.width / 2;
              return (
                <line
                  key={`${e.from}-${e.to}`}
                  x1={x}
                  y1={a.y + a.height}
                  x2={x}
                  y2={b.y - 1}
                  class="flow-line"
                  marker-end="url(#flow-head)"
                />
              );
            }
            // Side lane: out of the box's inline-start edge, down the lane, into the target.
            const edgeA = rtl ? a.x + a.width : a.x;
            const edgeB = rtl ? b.x + b.width : b.x;
            const lane = rtl ? geometry.w - LANE / 2 : LANE / 2;
            const y1 = a.y + a.height * 0.7;
            const y2 = b.y + Math.min(18, b.height * 0.3);
            return (
              <path
                key={`${e.from}-${e.to}`}
                d={`M${edgeA},${y1} H${lane} V${y2} H${edgeB + (rtl ? 1 : -1)}`}
                class="flow-line"
                fill="none"
                marker-end="url(#flow-head)"
              />
            );
          })}
        </svg>
      )}
      <ol class="flow-nodes">
        {guide.steps.map((s: GuideStep, i) => (
          <li
            key={s.code}
            class={`flow-node ${s.kind === 'decision' ? 'flow-decision' : 'flow-action'}`}
            data-testid={`flow-${s.code}`}
          >
            <span class="flow-number">
              {t('kit:flow.step', { n: i + 1 })}
              {s.kind === 'decision' && ` · ${t('kit:flow.question')}`}
            </span>
            <span class="flow-text">{t(`kit:guide.${guide.code}.${s.code}`)}</span>
            {s.kind === 'decision' && (
              <span class="flow-answers">
                <span class="flow-yes">{t('kit:flow.yes_to', { n: number(s.yes) })}</span>
                <span class="flow-no">{t('kit:flow.no_to', { n: number(s.no) })}</span>
              </span>
            )}
            {s.kind === 'action' && s.next && (
              <span class="flow-answers">{t('kit:flow.go_to', { n: number(s.next) })}</span>
            )}
            {i === guide.steps.length - 1 && <span class="flow-end">{t('kit:flow.end')}</span>}
            <Sources sources={s.sources} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function GuidesSection({ guides }: { guides: Guide[] }) {
  return (
    <section class="kit-section" aria-labelledby="kit-guides">
      <h2 id="kit-guides">{t('kit:tabs.guides')}</h2>
      {guides.map((g) => (
        <article class="kit-guide card" key={g.code} data-testid={`kit-guide-${g.code}`}>
          <h3>{t(`kit:guide.${g.code}.title`)}</h3>
          {g.flowchart ? <Flowchart guide={g} /> : <StepList guide={g} />}
        </article>
      ))}
    </section>
  );
}

export default function KitPage() {
  const [data, setData] = useState<KitData | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    void loadKit().then((r) => {
      if (r.ok) setData(r.value);
      else setProblem(r.problem);
    });
  }, []);
  const lang = currentLanguage();
  return (
    <div class="kit-page">
      <h1>{t('kit:title')}</h1>
      <p>{t('kit:intro')}</p>
      <p class="kit-actions no-print">
        <a class="button" href={pdfHref(lang)} download data-testid="kit-pdf">
          {t('kit:download_pdf')}
        </a>
        <button type="button" class="secondary" onClick={() => window.print()}>
          {t('kit:print')}
        </button>
      </p>
      <nav class="kit-toc no-print" aria-label={t('kit:nav')}>
        <a href="#kit-positive">{t('kit:tabs.positive')}</a>
        <a href="#kit-blacklist">{t('kit:tabs.blacklist')}</a>
        <a href="#kit-guides">{t('kit:tabs.guides')}</a>
      </nav>
      {problem && (
        <>
          <p>{t('kit:load_failed')}</p>
          <ProblemBox problem={problem} />
        </>
      )}
      {!data && !problem && <p aria-live="polite">{t('kit:loading')}</p>}
      {data && (
        <>
          <PositiveSection list={data.positive} />
          <BlacklistSection reagents={data.blacklist} />
          <GuidesSection guides={data.guides} />
        </>
      )}
    </div>
  );
}
