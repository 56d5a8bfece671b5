import { Parser } from 'htmlparser2';

/**
 * Step 1a: one streaming pass of htmlparser2's tokenizer over the raw page that writes a smaller
 * page: no scripts (JSON-LD kept for metadata), styles, comments, SVG, iframes, media or form
 * controls, and only the attributes later steps read. linkedom then builds a DOM from a page a
 * fraction of the size, which is where the time goes (linkedom costs ~0.5 s per MB of markup,
 * htmlparser2's tokenizer ~0.1 s). Nesting deeper than `maxDepth` is flattened (its text kept)
 * and output stops at `maxChars`, so a 20 MB page or 10,000 nested elements stay within budget.
 */
export interface PruneLimits {
  maxDepth: number;
  maxChars: number;
}

const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'select', 'textarea', 'button', 'video', 'audio', 'map', 'dialog',
  // Page furniture by its very tag; pre-clean would drop them anyway, and dropping them here
  // halves linkedom's parse and Readability's time (measured on the benchmark, same scores).
  'nav', 'footer', 'aside',
]);

const DROP_TAG_ONLY = new Set(['img', 'picture', 'source', 'input', 'wbr', 'track', 'param', 'area', 'col']);

const VOID = new Set(['br', 'hr', 'meta', 'base', 'img', 'input', 'link', 'source', 'wbr', 'track', 'param', 'area', 'col', 'embed']);

const KEEP_ATTRS = new Set([
  'class', 'id', 'role', 'href', 'rel', 'lang', 'itemprop', 'itemscope', 'itemtype', 'content', 'datetime',
  'property', 'name', 'hidden', 'aria-hidden', 'aria-label', 'pubdate', 'http-equiv', 'charset', 'type', 'colspan',
]);

const CHUNK = 256 * 1024;

/** Attribute values come raw (entities as written); only a double quote needs escaping. */
function escapeAttr(s: string): string {
  return s.includes('"') ? s.replace(/"/g, '&quot;') : s;
}

export function pruneHtml(html: string, limits: PruneLimits): string {
  const out: string[] = [];
  let size = 0;
  let skipDepth = 0; // > 0 while inside an element dropped with its content
  let keepJsonLd = false;
  // For each open element: whether its tags were written (false when dropped or too deep).
  const open: boolean[] = [];
  let written = 0; // how many written elements are open (the output's nesting depth)
  const emit = (s: string) => {
    out.push(s);
    size += s.length;
  };
  const shape = new DocumentShape(emit);

  const parser = new Parser(
    {
      onprocessinginstruction(name) {
        if (name.toLowerCase() === '!doctype') emit('<!DOCTYPE html>');
      },
      onopentag(name, attribs) {
        if (skipDepth > 0) {
          skipDepth++;
          return;
        }
        if (name === 'script' && /ld\+json/i.test(attribs.type ?? '')) {
          keepJsonLd = true;
          emit('<script type="application/ld+json">');
          open.push(true);
          return;
        }
        if (DROP_WITH_CONTENT.has(name)) {
          skipDepth = 1;
          return;
        }
        shape.open(name);
        // Of <link> elements only rel=canonical is read (step 7); the rest are stylesheets and icons.
        const unwanted = DROP_TAG_ONLY.has(name) || (name === 'link' && !/canonical/i.test(attribs.rel ?? ''));
        const keep = !unwanted && written < limits.maxDepth;
        open.push(keep);
        if (!keep) return;
        written++;
        let tag = `<${name}`;
        for (const key in attribs) {
          // A style attribute matters only when it hides the element.
          const keepAttr = KEEP_ATTRS.has(key) || (key === 'style' && /display|visibility/i.test(attribs[key]));
          if (keepAttr) tag += ` ${key}="${escapeAttr(attribs[key])}"`;
        }
        emit(`${tag}>`);
      },
      ontext(text) {
        if (skipDepth > 0) return;
        if (text.trim()) shape.text();
        // Entities are left as written (decodeEntities off): linkedom decodes them on its parse.
        emit(text);
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        const wasWritten = open.pop();
        if (keepJsonLd && name === 'script') {
          keepJsonLd = false;
          emit('</script>');
          return;
        }
        shape.close(name);
        if (!wasWritten) return;
        written--;
        if (!VOID.has(name)) emit(`</${name}>`);
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );

  for (let i = 0; i < html.length && size < limits.maxChars; i += CHUNK) parser.write(html.slice(i, i + CHUNK));
  parser.end();
  return shape.finish(out.join(''));
}

const HEAD_TAGS = new Set(['html', 'head', 'title', 'meta', 'link', 'base', 'script', 'style']);

/**
 * linkedom builds the tree as written, without the HTML parser's repairs: content before any
 * <body> ends up outside the body and a fragment's first element becomes the root. This puts
 * in the <html> and <body> a fragment or a sloppy page leaves out.
 */
class DocumentShape {
  private sawHtml = false;
  private bodyOpen = false;
  private injected = false;
  private inHead = false;

  constructor(private readonly emit: (s: string) => void) {}

  open(name: string): void {
    if (name === 'html') this.sawHtml = true;
    else if (name === 'head') this.inHead = true;
    else if (name === 'body') this.bodyOpen = true;
    else if (!HEAD_TAGS.has(name)) this.content();
  }

  text(): void {
    this.content();
  }

  close(name: string): void {
    if (name === 'head') this.inHead = false;
    if (name === 'html' && this.injected) {
      this.emit('</body>');
      this.injected = false;
    }
  }

  finish(html: string): string {
    const tail = this.injected ? '</body>' : '';
    return this.sawHtml ? html + tail : `<html>${html}${tail}</html>`;
  }

  /** Content outside <head>: open the <body> the page did not write. */
  private content(): void {
    if (this.bodyOpen || this.inHead) return;
    this.emit('<body>');
    this.bodyOpen = true;
    this.injected = true;
  }
}
