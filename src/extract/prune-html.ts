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
  'nav', 'footer',
]);

const DROP_TAG_ONLY = new Set(['img', 'picture', 'source', 'input', 'wbr', 'track', 'param', 'area', 'col']);

const VOID = new Set(['br', 'hr', 'meta', 'base', 'img', 'input', 'link', 'source', 'wbr', 'track', 'param', 'area', 'col', 'embed']);

const KEEP_ATTRS = new Set([
  'class', 'id', 'role', 'href', 'rel', 'lang', 'itemprop', 'itemscope', 'itemtype', 'content', 'datetime',
  'property', 'name', 'hidden', 'aria-hidden', 'aria-label', 'pubdate', 'http-equiv', 'charset', 'type', 'colspan',
]);

// The size cap is checked between chunks: 64 KB keeps the overshoot small (256 KB let a 400 KB cap
// write 524 KB, a third more for linkedom to parse).
const CHUNK = 64 * 1024;

/** Attribute values come raw (entities as written); only a double quote needs escaping. */
function escapeAttr(s: string): string {
  return s.includes('"') ? s.replace(/"/g, '&quot;') : s;
}

/**
 * `onText`, when given, is handed each piece of text the pass writes, JSON-LD left out: the
 * process stage hashes the page's text from this pass (content-revision.ts pageTextHash)
 * rather than reading the page again.
 */
export function pruneHtml(html: string, limits: PruneLimits, onText?: (text: string) => void): string {
  const out: string[] = [];
  let size = 0;
  let skipDepth = 0; // > 0 while inside an element dropped with its content
  let keepJsonLd = false;
  let preDepth = 0; // > 0 inside <pre>, where whitespace is text
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
          shape.open(name);
          keepJsonLd = true;
          emit('<script type="application/ld+json">');
          open.push(true);
          return;
        }
        if (DROP_WITH_CONTENT.has(name)) {
          skipDepth = 1;
          return;
        }
        const shaped = shape.open(name);
        if (name === 'pre') preDepth++;
        // Of <link> elements only rel=canonical is read (step 7); the rest are stylesheets and icons.
        const unwanted = !shaped || DROP_TAG_ONLY.has(name) || (name === 'link' && !/canonical/i.test(attribs.rel ?? ''));
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
        if (!keepJsonLd && text.trim()) shape.text();
        // Entities are left as written (decodeEntities off): linkedom decodes them on its parse.
        // Runs of whitespace read as one space everywhere but in <pre>; templated pages indent
        // with kilobytes of it (one page of trafilatura's corpus is 90% whitespace once pruned,
        // which pushed its article past the size cap).
        const written = preDepth > 0 ? text : squeezeSpace(text);
        if (onText && !keepJsonLd) onText(written);
        emit(written);
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        const wasWritten = open.pop();
        if (keepJsonLd && name === 'script') {
          shape.close(name);
          keepJsonLd = false;
          emit('</script>');
          return;
        }
        const shaped = shape.close(name);
        if (name === 'pre' && preDepth > 0) preDepth--;
        if (!wasWritten) return;
        written--;
        if (shaped && !VOID.has(name)) emit(`</${name}>`);
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );

  for (let i = 0; i < html.length && size < limits.maxChars; i += CHUNK) parser.write(html.slice(i, i + CHUNK));
  parser.end();
  return shape.finish(out.join(''));
}

/** A run of whitespace becomes one character: a newline when the run held one, else a space. */
function squeezeSpace(text: string): string {
  return text.replace(/[ \t\n\r\f]{2,}/g, (run) => (run.includes('\n') ? '\n' : ' '));
}

const HEAD_TAGS = new Set(['title', 'meta', 'link', 'base', 'script', 'style']);

/**
 * linkedom builds the tree as written, without the HTML parser's repairs: content before any
 * <body> ends up outside the body, a page's first element becomes the root whatever it is (a
 * <title> or <style> before <html>), and a second <html> or <body> (a PHP warning printed
 * before the doctype) nests a new document inside the first, leaving the real body empty. This
 * does the repairs a browser's tree builder does: <html> is always the root, head elements
 * before the body go in one <head>, the first content opens the body (closing the head), later
 * <html>, <head> and <body> tags are dropped (a browser merges them into the first), and the
 * page's own </body> and </html> are left for the end, since browsers keep what follows them in
 * the body.
 */
class DocumentShape {
  private sawHtml = false;
  private sawHead = false;
  private bodyOpen = false;
  private inHead = false;
  /** Open <title> elements: their text is the title's, not content. */
  private inTitle = 0;

  constructor(private readonly emit: (s: string) => void) {}

  /** Whether the opening tag is written. */
  open(name: string): boolean {
    if (name === 'html') {
      if (this.sawHtml) return false;
      this.sawHtml = true;
      return true;
    }
    this.root();
    if (name === 'head') {
      if (this.sawHead || this.bodyOpen) return false;
      this.sawHead = this.inHead = true;
      return true;
    }
    if (name === 'body') {
      if (this.bodyOpen) return false;
      this.closeHead();
      this.bodyOpen = true;
      return true;
    }
    if (HEAD_TAGS.has(name)) {
      if (name === 'title') this.inTitle++;
      if (!this.bodyOpen && !this.sawHead) {
        this.emit('<head>');
        this.sawHead = this.inHead = true;
      }
      return true;
    }
    this.content();
    return true;
  }

  text(): void {
    if (this.inTitle === 0) this.content();
  }

  /** Whether the closing tag is written. */
  close(name: string): boolean {
    if (name === 'title' && this.inTitle > 0) this.inTitle--;
    if (name === 'head') this.closeHead();
    return name !== 'head' && name !== 'body' && name !== 'html';
  }

  finish(html: string): string {
    const root = this.sawHtml ? '' : '<html>';
    const tail = this.inHead ? '</head>' : this.bodyOpen ? '</body>' : '';
    return `${root}${html}${tail}</html>`;
  }

  private root(): void {
    if (this.sawHtml) return;
    this.emit('<html>');
    this.sawHtml = true;
  }

  private closeHead(): void {
    if (!this.inHead) return;
    this.emit('</head>');
    this.inHead = false;
  }

  /** Content outside <head>: open the <body> the page did not write. */
  private content(): void {
    if (this.bodyOpen) return;
    this.root();
    this.closeHead();
    this.emit('<body>');
    this.bodyOpen = true;
  }
}
