/** JSON-LD objects of a page, flattened (arrays and @graph unrolled). Bad JSON is skipped. */
export function readJsonLd(scripts: string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const text of scripts) {
    const raw = text.trim();
    if (!raw || raw.length > 1_000_000) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw.replace(/^\s*<!--|-->\s*$/g, ''));
    } catch {
      continue;
    }
    flatten(data, out, 0);
  }
  return out;
}

function flatten(value: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > 5 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) flatten(v, out, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  out.push(obj);
  if (obj['@graph']) flatten(obj['@graph'], out, depth + 1);
}

const ARTICLE_TYPE = /Article|BlogPosting|Report|NewsArticle|WebPage|LiveBlogPosting/;

/** Article-like objects first, then the rest: a page's Organization should not name its date. */
export function articleObjects(objects: Record<string, unknown>[]): Record<string, unknown>[] {
  const isArticle = (o: Record<string, unknown>) => {
    const t = o['@type'];
    const types = Array.isArray(t) ? t : [t];
    return types.some((x) => typeof x === 'string' && ARTICLE_TYPE.test(x));
  };
  return [...objects.filter(isArticle), ...objects.filter((o) => !isArticle(o))];
}

export function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return stringOf(value[0]);
  if (value && typeof value === 'object') return stringOf((value as Record<string, unknown>).name);
  return null;
}

export function namesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(namesOf);
  if (value && typeof value === 'object') return namesOf((value as Record<string, unknown>).name);
  return [];
}
