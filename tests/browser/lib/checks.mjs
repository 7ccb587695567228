// Per-page checks: axe-core WCAG rules, horizontal overflow at 320 px, and
// that the page declares the language it was asked for.
import { AxeBuilder } from '@axe-core/playwright';

/** The axe tags every page must pass. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** Narrowest viewport a page must fit without horizontal scrolling (WCAG 1.4.10 reflow). */
export const NARROW_WIDTH = 320;

/** Desktop viewport used for the axe run. */
export const WIDE_VIEWPORT = { width: 1280, height: 800 };

/** Runs axe on the current page; returns its violations. */
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations;
}

/** Formats axe violations as readable lines. */
export function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`      at ${node.target.join(' ')}`);
      const summary = (node.failureSummary ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
      for (const s of summary.slice(0, 3)) lines.push(`         ${s}`);
    }
    if (v.nodes.length > 5) lines.push(`      … and ${v.nodes.length - 5} more elements`);
  }
  return lines.join('\n');
}

/**
 * Resizes the page to 320 px wide and reports whether the document scrolls
 * sideways, naming the widest offending elements. Restores the wide viewport.
 */
export async function narrowOverflow(page) {
  await page.setViewportSize({ width: NARROW_WIDTH, height: 640 });
  try {
    return await page.evaluate((width) => {
      const doc = document.documentElement;
      const scrollWidth = Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0);
      if (scrollWidth <= width) return null;
      const describe = (el) => {
        let s = el.tagName.toLowerCase();
        if (el.id) s += `#${el.id}`;
        if (el.classList.length) s += `.${[...el.classList].join('.')}`;
        return s;
      };
      const offenders = [];
      for (const el of document.body ? document.body.querySelectorAll('*') : []) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && r.width > 0) offenders.push({ el: describe(el), right: Math.round(r.right) });
      }
      offenders.sort((a, b) => b.right - a.right);
      return { scrollWidth, offenders: offenders.slice(0, 5) };
    }, NARROW_WIDTH);
  } finally {
    await page.setViewportSize(WIDE_VIEWPORT);
  }
}

/** The `lang` attribute of the page's root element. */
export async function documentLang(page) {
  return page.evaluate(() => document.documentElement.getAttribute('lang') ?? '');
}
