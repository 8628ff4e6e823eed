// The page checker every browser journey runs on every page it visits. It fails a page that shows
// a reader something not meant for people or not in their language:
//   (a) a Latin-script word longer than three letters on a zh or ar page, unless it is a chemical
//       formula, a unit, a grade or standard designation or a name on the allow-list below;
//   (b) a snake_case token anywhere, or a kebab-case token on a zh or ar page (raw identifiers);
//   (c) a rendered date before the year 2000 (a time unit mixed up somewhere);
//   (d) horizontal overflow of the document at the viewport width (360 px on a phone).
// Exempt are only: text inside <cite lang="..."> (a cited title in its original language), the
// language switcher (each language named in itself), and elements marked translate="no" (names and
// content people typed: organization names, e-mail addresses, equipment tags). Marking interface
// text translate="no" or lang="en" to pass the checker is a defect.
import assert from 'node:assert/strict';
import { screenshot } from './harness.mjs';

/** Latin words accepted on zh and ar pages: brand, grade and material designations, units. */
export const LATIN_ALLOW = [
  'Rutile',
  // Materials and grades as designated in standards (ASTM B265, GB/T 3620.1).
  'Gr1',
  'Gr2',
  'Gr3',
  'Gr5',
  'Gr7',
  'Gr9',
  'Gr12',
  'Gr16',
  'Gr17',
  'Grade',
  'Hastelloy',
  'Inconel',
  'Incoloy',
  'Monel',
  'PTFE',
  'PVDF',
  'PFA',
  'FEP',
  // Units and quantities written in Latin script in every language.
  'mg/L',
  'g/L',
  'ppm',
  'ppb',
  'mm/a',
  'µm/a',
  'μm/a',
  'mS/cm',
  'µS/cm',
  'μS/cm',
  'kPa',
  'MPa',
  'mol/L',
  'wt%',
  'mmol',
  'µm',
  'μm',
  'mV',
  'SCE',
  'SHE',
  'Ag/AgCl',
  // Feed format named in every language (the bulletins' Atom feed).
  'Atom',
  // Standard bodies and document designations.
  'ASTM',
  'NACE',
  'AMPP',
  'ASME',
  'ISO',
  'IEC',
  'GB/T',
  'HG/T',
  'JB/T',
  'API',
  'DIN',
  'NORSOK',
  'SHA-256',
  'Ed25519',
  'JSON',
  'CSV',
  'XLSX',
  'PDF',
  // Brand of the spreadsheet program people open an XLSX export with; named so in every language.
  'Excel',
  'HTTP',
  'HTTPS',
  'MQTT',
  'URL',
];

// The chemical elements' symbols (IUPAC periodic table).
const ELEMENT_SYMBOLS =
  'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se ' +
  'Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy ' +
  'Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf ' +
  'Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og';

/**
 * Returns the violations on the page as strings ("latin: 'Save' in <button>", ...). `lang` is the
 * page's language (en, zh, es, fr, pt, ar); (a) and the kebab-case part of (b) apply to zh and ar.
 */
export async function checkPage(page, { lang } = {}) {
  const pageLang = lang ?? (await page.evaluate(() => document.documentElement.lang));
  return page.evaluate(
    ({ pageLang, allow, ELEMENTS }) => {
      const nonLatinPage = pageLang === 'zh' || pageLang === 'ar';
      const allowed = new Set(allow.map((w) => w.toLowerCase()));
      const problems = [];
      const where = (el) => {
        const tag = el.tagName.toLowerCase();
        const id = el.id ? `#${el.id}` : '';
        const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
        return `<${tag}${id}${cls}>`;
      };
      const exempt = (el) =>
        el.closest('cite[lang], [translate="no"], #language, script, style, noscript, template');
      const visible = (el) =>
        typeof el.checkVisibility === 'function'
          ? el.checkVisibility({
              checkOpacity: false,
              checkVisibilityCSS: true,
            })
          : el.getClientRects().length > 0;

      // Visible text, each piece with the element it belongs to: text nodes, the chosen option of
      // a select, button-like input values, placeholders and accessible labels people hear.
      const pieces = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || exempt(el)) continue;
        if (el.closest('option, select')) continue; // handled below: only the chosen option shows
        if (!visible(el)) continue;
        const text = n.textContent.trim();
        if (text) pieces.push({ text, el });
      }
      for (const sel of document.querySelectorAll('select')) {
        if (exempt(sel) || !visible(sel)) continue;
        const chosen = sel.selectedOptions[0];
        if (chosen && !exempt(chosen)) pieces.push({ text: chosen.textContent.trim(), el: sel });
      }
      for (const el of document.querySelectorAll(
        '[placeholder], [aria-label], [title], input[type=submit], input[type=button]',
      )) {
        if (exempt(el) || !visible(el)) continue;
        for (const attr of ['placeholder', 'aria-label', 'title']) {
          const v = el.getAttribute(attr);
          if (v) pieces.push({ text: v.trim(), el });
        }
        if (el.matches('input[type=submit], input[type=button]') && el.value)
          pieces.push({ text: el.value.trim(), el });
      }

      // Arabic-Indic and Persian digits read as ASCII digits for the date rule; bidi marks dropped.
      const asciiDigits = (s) =>
        s
          .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
          .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
          .replace(/[\u200e\u200f\u061c\u2066-\u2069]/g, '');
      const emailOrUrl =
        /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b|\bhttps?:\/\/\S+|\b[\w-]+(\.[\w-]+)+\/\S*/g;
      // A chemical formula: element symbols with optional counts and a charge (NaCl, H2SO4, NaClO,
      // CrO3, FeCl3, NH4HF2). Each symbol must be an element, so "SAVE" is not a formula.
      const elements = new Set(ELEMENTS.split(' '));
      const formula = {
        test(token) {
          const m = /^((?:\(?[A-Z][a-z]?\d*\)?\d*)+)(?:[+-]|\d[+-])?$/.exec(token);
          if (!m) return false;
          return [...m[1].matchAll(/[A-Z][a-z]?/g)].every((s) => elements.has(s[0]));
        },
      };
      const dateBefore2000 = [
        /\b(1\d{3})-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])\b/, // 1970-01-01
        /(1\d{3})\s*年/, // 1970年1月1日
        /\b\d{1,2}[/.]\d{1,2}[/.](1\d{3})\b/, // 1/1/1970, 01.01.1970
        /\b\d{1,2}\s+\S+\s+(1\d{3})\b/, // 1 janvier 1970, 1 يناير 1970
        /\b[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+(1\d{3})\b/, // Jan 1, 1970
        /\b\d{1,2} de \S+ de (1\d{3})\b/, // 1 de enero de 1970
      ];

      for (const { text, el } of pieces) {
        const bare = text.replace(emailOrUrl, ' ');
        if (nonLatinPage) {
          for (const m of bare.matchAll(/[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9/%+.-]*/g)) {
            const token = m[0].replace(/[.\-/]+$/, '');
            const letters = token.replace(/[^A-Za-z\u00c0-\u024f]/g, '');
            if (letters.length <= 3) continue;
            if (allowed.has(token.toLowerCase())) continue;
            // Designations such as Ti-Gr2, GB/T 3620.1, ISO 9223 and formulas pass word by word.
            const parts = token.split(/[-/]/).filter(Boolean);
            if (
              parts.every(
                (p) =>
                  allowed.has(p.toLowerCase()) ||
                  formula.test(p) ||
                  p.replace(/[^A-Za-z]/g, '').length <= 3,
              )
            )
              continue;
            if (formula.test(token)) continue;
            problems.push(`latin: '${token}' in ${where(el)}: "${text.slice(0, 80)}"`);
          }
        }
        for (const m of bare.matchAll(/\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b/g))
          problems.push(`snake_case: '${m[0]}' in ${where(el)}: "${text.slice(0, 80)}"`);
        if (nonLatinPage) {
          for (const m of bare.matchAll(/(?<![A-Za-z0-9])[a-z]+(?:-[a-z0-9]+)+(?![A-Za-z0-9])/g))
            problems.push(`kebab-case: '${m[0]}' in ${where(el)}: "${text.slice(0, 80)}"`);
        }
        const digits = asciiDigits(text);
        for (const re of dateBefore2000) {
          const m = re.exec(digits); // every pattern's year is its first group, 1000 to 1999
          if (m) problems.push(`date: '${m[0]}' in ${where(el)}`);
        }
      }
      for (const t of document.querySelectorAll('time[datetime]')) {
        const year = Number(/^(\d{4})/.exec(t.getAttribute('datetime'))?.[1]);
        if (year && year < 2000)
          problems.push(`date: <time datetime="${t.getAttribute('datetime')}">`);
      }

      const doc = document.documentElement;
      if (doc.scrollWidth > doc.clientWidth + 1) {
        // Name the widest offenders to make the failure actionable.
        const wide = [...document.body.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1 && visible(e))
          .filter((e) => !e.closest('.scroll-table, [data-scroll-x]'))
          .slice(0, 3)
          .map(where);
        problems.push(
          `overflow: document is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px viewport (${wide.join(', ')})`,
        );
      }
      return [...new Set(problems)];
    },
    { pageLang, allow: LATIN_ALLOW, ELEMENTS: ELEMENT_SYMBOLS },
  );
}

/** Asserts the page is clean and keeps a screenshot named `name` (tests/e2e/artifacts/). */
export async function expectCleanPage(page, { lang, name } = {}) {
  await page.waitForLoadState('networkidle').catch(() => {});
  const pageLang = lang ?? (await page.evaluate(() => document.documentElement.lang));
  if (name) await screenshot(page, name);
  const problems = await checkPage(page, { lang: pageLang });
  assert.deepEqual(
    problems,
    [],
    `page checker (${pageLang}) on ${page.url()}:\n  ${problems.join('\n  ')}`,
  );
}
