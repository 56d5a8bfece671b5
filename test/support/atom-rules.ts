import { XMLParser, XMLValidator } from 'fast-xml-parser';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The RFC 4287 rules a feed document must meet; returns the problems found (none is valid). */
export function atomProblems(text: string): string[] {
  const problems: string[] = [];
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) return [`not well-formed XML: ${JSON.stringify(wellFormed)}`];
  const document = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'author', 'category', 'id', 'title', 'updated'].includes(name) }).parse(text);
  const feed = document.feed;
  if (!feed) return ['the root element is not atom:feed'];
  // 2: the Atom namespace.
  if (feed['@xmlns'] !== 'http://www.w3.org/2005/Atom') problems.push('feed not in the Atom namespace');
  const checkCommon = (element: Record<string, any>, where: string) => {
    // 4.1.1 / 4.1.2: exactly one atom:id, atom:title, atom:updated.
    for (const name of ['id', 'title', 'updated']) if (asArray(element[name]).length !== 1) problems.push(`${where}: ${asArray(element[name]).length} atom:${name}`);
    // 4.2.6: the id is an absolute IRI.
    const id = String(asArray(element.id)[0] ?? '');
    if (!/^[a-z][a-z0-9+.-]*:/i.test(id)) problems.push(`${where}: id "${id}" is not an absolute IRI`);
    // 3.3: dates are RFC 3339 date-times.
    for (const name of ['updated', 'published']) for (const value of asArray(element[name])) if (!RFC3339.test(String(value))) problems.push(`${where}: ${name} "${value}" is not RFC 3339`);
    // 4.2.7: every link has an href; at most one alternate per type and hreflang.
    const alternates = new Set<string>();
    for (const link of asArray(element.link) as Record<string, string>[]) {
      if (!link['@href']) problems.push(`${where}: a link without href`);
      if ((link['@rel'] ?? 'alternate') === 'alternate') {
        const key = `${link['@type'] ?? ''}|${link['@hreflang'] ?? ''}`;
        if (alternates.has(key)) problems.push(`${where}: two alternate links of type ${key}`);
        alternates.add(key);
      }
    }
    // 3.1: text constructs are text, html or xhtml.
    for (const name of ['title', 'summary', 'content']) {
      for (const value of asArray(element[name])) {
        const type = typeof value === 'object' ? (value as Record<string, string>)['@type'] : undefined;
        if (type !== undefined && !['text', 'html', 'xhtml'].includes(type)) problems.push(`${where}: ${name} of type ${type}`);
      }
    }
    // 3.2: a person construct has exactly one name.
    for (const author of asArray(element.author) as Record<string, unknown>[]) if (typeof author.name !== 'string' || author.name === '') problems.push(`${where}: an author without a name`);
  };
  checkCommon(feed, 'feed');
  // 4.1.1: a feed SHOULD have a self link.
  if (!asArray(feed.link).some((link: Record<string, string>) => link['@rel'] === 'self')) problems.push('feed: no self link');
  const entries = asArray(feed.entry) as Record<string, any>[];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    checkCommon(entry, `entry ${index}`);
    // 4.1.1: an author on the feed, or on every entry.
    if (asArray(feed.author).length === 0 && asArray(entry.author).length === 0) problems.push(`entry ${index}: no author, and none on the feed`);
    // 4.1.2: content, or an alternate link.
    const hasAlternate = asArray(entry.link).some((link: Record<string, string>) => (link['@rel'] ?? 'alternate') === 'alternate');
    if (entry.content === undefined && !hasAlternate) problems.push(`entry ${index}: neither content nor an alternate link`);
    // 4.1.1: entries with the same id are the same entry: ids are unique in a page.
    const id = String(asArray(entry.id)[0]);
    if (seen.has(id)) problems.push(`entry ${index}: id ${id} twice`);
    seen.add(id);
  });
  return problems;
}

