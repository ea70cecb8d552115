// What the language test measures inside a page, as functions Playwright runs there (each is
// self-contained: it is serialised into the page, so it may use nothing from this module).

/**
 * Text that does not fit its box: every shown element with text whose content is wider than it
 * (the innermost one, not each box around it), and what sticks out of the page if it scrolls
 * sideways. A box that scrolls on purpose (a wide table in its own overflow:auto box) is fine.
 */
export function overflowingText(): string[] {
  const SKIP = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'SCRIPT', 'STYLE', 'VIDEO', 'CANVAS', 'IMG', 'svg']);
  const scrolls = (s: CSSStyleDeclaration) => s.overflowX === 'auto' || s.overflowX === 'scroll';
  const name = (e: Element) => {
    const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
    return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${cls} "${(e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 70)}"`;
  };
  const wide: HTMLElement[] = [];
  for (const el of document.querySelectorAll<HTMLElement>('body *')) {
    if (SKIP.has(el.tagName)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'inline' || style.display === 'contents' || style.visibility === 'hidden' || scrolls(style)) continue;
    // Not drawn (inside a closed <details>, say): nothing to overflow until it is opened.
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    // Visually hidden text (.sr-only) is a 1 px box on purpose.
    if (r.width <= 2 || r.height <= 2 || !(el.textContent ?? '').trim()) continue;
    if (el.scrollWidth > el.clientWidth + 1) wide.push(el);
  }
  const out = wide
    .filter((e) => !wide.some((o) => o !== e && e.contains(o)))
    .map(
      (e) =>
        `${name(e)} is ${e.scrollWidth} px wide in a box of ${e.clientWidth} px${getComputedStyle(e).textOverflow === 'ellipsis' ? ' (cut short with …)' : ''}`,
    );
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth + 1) {
    const clipped = (e: Element) => {
      for (let n = e.parentElement; n && n !== document.body; n = n.parentElement) if (getComputedStyle(n).overflowX !== 'visible') return true;
      return false;
    };
    const out2 = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > page.clientWidth + 1 || r.left < -1) && !clipped(e);
      })
      .filter((e, _, all) => !all.some((o) => o !== e && o.contains(e)))
      .slice(0, 5)
      .map((e) => `${name(e)} at ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)} px`);
    out.push(`the page scrolls sideways (${page.scrollWidth} px in ${page.clientWidth} px): ${out2.join('; ')}`);
  }
  return out;
}

/**
 * English text left on a page in another language: an element whose text, or a label people read
 * (aria-label, title, placeholder, alt), is exactly one of `english` (messages whose translation
 * differs), and the document's title.
 */
export function englishLeft(english: readonly string[]): string[] {
  const wanted = new Set(english);
  const found = new Set<string>();
  const seen = (what: string, text: string | null | undefined) => {
    const s = (text ?? '').trim();
    if (s && wanted.has(s)) found.add(`${what}: "${s}"`);
  };
  seen('title', document.title);
  for (const el of document.querySelectorAll<HTMLElement>('body *')) {
    if (el.closest('[hidden], template')) continue;
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '');
    if (own.join('').trim()) {
      seen(el.tagName.toLowerCase(), own.join(''));
      seen(el.tagName.toLowerCase(), el.textContent);
    }
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) seen(`${el.tagName.toLowerCase()}[${attr}]`, el.getAttribute(attr));
  }
  return [...found];
}

export interface DirectionFacts {
  /** The page's width without a scrollbar. */
  width: number;
  /** The first link of the main navigation. */
  nav: { left: number; right: number } | null;
  /** The page heading's box and where its text is drawn in it. */
  heading: { left: number; right: number; textLeft: number; textRight: number } | null;
  /** The first and the last header cell of the first table shown. */
  columns: { first: number; last: number } | null;
}

/** Where things are drawn, to tell a right-to-left page from a left-to-right one. */
export function directionFacts(): DirectionFacts {
  const box = (e: Element | null | undefined) => (e ? e.getBoundingClientRect() : null);
  const link = box(document.querySelector('nav a'));
  const h2 = document.querySelector('main section > h2, main h2:not(#first-steps-title)');
  let heading: DirectionFacts['heading'] = null;
  if (h2) {
    const range = document.createRange();
    range.selectNodeContents(h2);
    const text = range.getBoundingClientRect();
    const r = h2.getBoundingClientRect();
    heading = { left: r.left, right: r.right, textLeft: text.left, textRight: text.right };
  }
  const table = [...document.querySelectorAll('main table')].find((t) => t.getBoundingClientRect().width > 0);
  const cells = table ? [...table.querySelectorAll('thead th')] : [];
  return {
    width: document.documentElement.clientWidth,
    nav: link && { left: link.left, right: link.right },
    heading,
    columns: cells.length > 1 ? { first: box(cells[0])!.left, last: box(cells.at(-1))!.left } : null,
  };
}
