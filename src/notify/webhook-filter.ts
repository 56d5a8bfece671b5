import type { WebhookFilter } from '../store/webhook-store.js';

export interface FilterableEvent {
  summary: string;
  sentence: string;
  actors: readonly string[];
  modality: string;
  sources: readonly { sourceId: string | null }[];
  /** Absent or null: the event is in no story (stored before stories were kept). */
  story?: { id: string } | null;
}

/**
 * Whether an endpoint wants this event. Each part of the filter given must hold (an empty or
 * absent part holds): one of the keywords occurs (case-folded, as a whole word) in the summary,
 * sentence or actors; one of the sources reports it; its modality is one of those listed; it
 * belongs to one of the stories listed.
 */
export function matchesFilter(filter: WebhookFilter, event: FilterableEvent): boolean {
  if (filter.modalities?.length && !filter.modalities.includes(event.modality)) return false;
  if (filter.stories?.length && !(event.story && filter.stories.includes(event.story.id))) return false;
  if (filter.sources?.length && !event.sources.some((source) => source.sourceId !== null && filter.sources!.includes(source.sourceId))) return false;
  return matchesKeywords(filter.keywords ?? [], event);
}

function matchesKeywords(keywords: readonly string[], event: FilterableEvent): boolean {
  if (keywords.length === 0) return true;
  const haystack = `${event.summary}\n${event.sentence}\n${event.actors.join('\n')}`.toLowerCase();
  return keywords.some((keyword) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(keyword.toLowerCase())}($|[^\\p{L}\\p{N}])`, 'u').test(haystack));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
