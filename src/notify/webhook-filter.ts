import type { WebhookFilter } from '../store/webhook-store.js';

export interface FilterableEvent {
  summary: string;
  sentence: string;
  actors: readonly string[];
}

/**
 * Whether an endpoint wants this event: with keywords, at least one must occur (case-folded, as
 * a whole word) in the summary, sentence or actors; without a filter, every event.
 */
export function matchesFilter(filter: WebhookFilter, event: FilterableEvent): boolean {
  const keywords = filter.keywords ?? [];
  if (keywords.length === 0) return true;
  const haystack = `${event.summary}\n${event.sentence}\n${event.actors.join('\n')}`.toLowerCase();
  return keywords.some((keyword) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(keyword.toLowerCase())}($|[^\\p{L}\\p{N}])`, 'u').test(haystack));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
