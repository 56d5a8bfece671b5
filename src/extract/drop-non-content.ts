import { classAndId, descendants, removeAll, tagOf } from './dom-utils.js';

/** Elements whose content is never article text. */
const NEVER_TEXT = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'canvas', 'math',
  'select', 'button', 'input', 'textarea', 'link', 'meta', 'dialog', 'audio', 'video', 'map',
]);

// Some sites (ASP.NET WebForms) wrap the whole page in one <form>: only forms with little text
// are dropped. 400 characters is more than any search, login or comment form carries.
const MAX_FORM_TEXT = 400;

/**
 * Step 1 (after the parse): drop what can never be article text, before any scoring, so that
 * every later step walks a smaller tree. Hidden elements can only be seen from attributes.
 */
export function dropNonContent(body: Element): void {
  const drop: Element[] = [];
  for (const el of descendants(body)) {
    const tag = tagOf(el);
    if (NEVER_TEXT.has(tag) || isHidden(el)) drop.push(el);
    else if (tag === 'form' && (el.textContent ?? '').length < MAX_FORM_TEXT) drop.push(el);
  }
  // Removing an ancestor first makes the removal of its descendants a no-op on a detached node.
  removeAll(drop);
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  if (style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  if (el.getAttribute('aria-hidden') === 'true' && (el.textContent ?? '').length < 200) return true;
  // Class names that mean "not shown": screen-reader-only labels and hidden helpers.
  return /(^|\s)(hidden|hide|sr-only|visually-hidden|screen-reader-text|is-hidden|d-none)(\s|$)/.test(classAndId(el));
}
