import { MAX_FILTER_KEYWORD_LENGTH, MAX_FILTER_KEYWORDS, MODALITIES } from '../config.js';

/**
 * JSON schemas of what the API sends and accepts. Fastify validates requests with them and
 * serialises responses through them (a property not listed here is not sent), and
 * @fastify/swagger turns them into the OpenAPI document at /docs.
 */

const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;
const timestamp = { type: 'string', format: 'date-time' } as const;
const nullableTimestamp = { type: ['string', 'null'], format: 'date-time' } as const;

/** A calendar day, the form `since`/`until` take everywhere (ajv-formats checks the day exists). */
export const isoDay = { type: 'string', format: 'date', description: 'YYYY-MM-DD' } as const;

export const errorResponse = {
  type: 'object',
  properties: {
    error: text,
    field: { type: 'string', description: 'the request field that was wrong' },
    dependency: { type: 'string', enum: ['store', 'redis'], description: 'on 503: the dependency that does not answer right now; retry later' },
  },
  required: ['error'],
} as const;

const dependencyCheck = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    ms: { type: 'integer', description: 'how long the check took (each check gives up after 2 s for the store, 1 s for Redis)' },
    error: { type: 'string', description: 'why the check failed' },
  },
  required: ['ok', 'ms'],
} as const;

/** GET /healthz, both for 200 (every dependency answers) and 503 (one does not). */
export const healthSchema = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['ok', 'unavailable'] }, store: dependencyCheck, redis: dependencyCheck },
  required: ['status', 'store', 'redis'],
} as const;

export const errorResponses = { '4xx': errorResponse, '5xx': errorResponse } as const;

export const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'] } as const;

export const pageLimit = (fallback: number) => ({ type: 'integer', minimum: 1, maximum: 500, default: fallback }) as const;

export const cursorParam = { type: 'string', minLength: 1, description: 'nextCursor of the previous page' } as const;

export const eventSchema = {
  type: 'object',
  properties: {
    id: text,
    date: { type: 'string', description: 'TimeML value: 2025-11-20, 2025-W47, 2025-11, 2025-Q4, 2025' },
    granularity: { type: 'string', enum: ['day', 'week', 'month', 'quarter', 'year'] },
    dateBasis: {
      type: 'string',
      enum: ['text', 'publication', 'context'],
      description: 'How the date was found: a date expression in the text, the publication day of an undated act, or its article (the dated sentence it continues, the day the lede gives the news, the date the article gives the same act elsewhere)',
    },
    modality: { type: 'string', enum: ['occurred', 'scheduled', 'deadline', 'reported'] },
    summary: text,
    actors: { type: 'array', items: text },
    dateText: text,
    sentence: text,
    sourceCount: { type: 'integer' },
    mentionCount: { type: 'integer' },
    sources: {
      type: 'array',
      description: "the articles that tell it, in publication order; in a webhook's payload at most 20 (the first and the latest told: sourceCount counts them all)",
      items: {
        type: 'object',
        properties: {
          url: { type: 'string', description: 'the canonical URL of the article (no tracking parameters)' },
          site: nullableText,
          title: nullableText,
          articleId: { type: 'string', description: 'GET /v1/articles/{articleId}' },
          sourceId: { type: ['string', 'null'], description: 'the source that listed the article (null: ingested by URL)' },
          publishedAt: nullableTimestamp,
        },
        required: ['url', 'site', 'title', 'articleId', 'sourceId', 'publishedAt'],
      },
    },
    story: {
      type: ['object', 'null'],
      description: 'the story the event belongs to (that of the article that first reported it): GET /v1/stories/{id}; null for events stored before stories were kept',
      properties: { id: text, title: text },
      required: ['id', 'title'],
    },
    firstSeenAt: timestamp,
    updatedAt: { ...timestamp, description: 'when a report last added to the event' },
  },
  required: ['id', 'date', 'granularity', 'modality', 'summary', 'sourceCount', 'sources', 'story'],
} as const;

const storyProperties = {
  id: text,
  title: { type: 'string', description: 'the most central headline among its articles' },
  firstSeenAt: { ...timestamp, description: 'publication time of its first article' },
  lastSeenAt: { ...timestamp, description: 'publication time of its latest article' },
  articleCount: { type: 'integer' },
  eventCount: { type: 'integer' },
  topActors: { type: 'array', items: text, description: 'the actors its latest 500 events name most often, most often first' },
} as const;

/** A developing story: the articles that report one happening and what follows from it. */
export const storySchema = {
  type: 'object',
  properties: storyProperties,
  required: ['id', 'title', 'firstSeenAt', 'lastSeenAt', 'articleCount', 'eventCount', 'topActors'],
} as const;

/** One story with its events as a timeline (a page of them, newest first, as GET /v1/events). */
export const storyTimelineSchema = {
  type: 'object',
  properties: {
    ...storyProperties,
    events: { type: 'array', items: eventSchema },
    nextCursor: { type: ['string', 'null'], description: 'the next page of its events: GET /v1/stories/{id}?cursor= or GET /v1/events?story={id}&cursor=' },
  },
  required: [...storySchema.required, 'events', 'nextCursor'],
} as const;

const articleProperties = {
  id: text,
  canonicalUrl: text,
  url: text,
  sourceId: nullableText,
  feedTitle: nullableText,
  feedPublishedAt: nullableTimestamp,
  status: { type: 'string', enum: ['pending', 'fetched', 'processed', 'failed'] },
  errorCode: nullableText,
  error: nullableText,
  contentType: nullableText,
  fetchedAt: nullableTimestamp,
  contentHash: nullableText,
  revision: { type: 'integer' },
  title: nullableText,
  byline: nullableText,
  siteName: nullableText,
  lang: nullableText,
  publishedAt: nullableTimestamp,
  publishedAtSource: nullableText,
  modifiedAt: nullableTimestamp,
  processedAt: nullableTimestamp,
  storyId: { type: ['string', 'null'], description: 'the story it belongs to: GET /v1/stories/{storyId}' },
  createdAt: timestamp,
} as const;

/** In lists: no text (it can be long, and a list is for finding the article). */
export const articleSummarySchema = { type: 'object', properties: articleProperties, required: ['id', 'url', 'status'] } as const;

export const articleSchema = {
  type: 'object',
  properties: { ...articleProperties, text: nullableText },
  required: ['id', 'url', 'status'],
} as const;

export const sourceSchemaJson = {
  type: 'object',
  properties: {
    id: text,
    kind: { type: 'string', enum: ['feed', 'sitemap', 'page'] },
    url: text,
    every: nullableText,
    cron: nullableText,
    select: nullableText,
    maxAge: nullableText,
    origin: { type: 'string', enum: ['config', 'api'] },
    etag: nullableText,
    lastModified: nullableText,
    minIntervalMs: nullableInteger,
    resolvedUrl: nullableText,
    lastPolledAt: nullableTimestamp,
    lastSuccessAt: nullableTimestamp,
    consecutiveFailures: { type: 'integer' },
    lastError: nullableText,
    lastErrorAt: nullableTimestamp,
    nextPollAt: nullableTimestamp,
  },
  required: ['id', 'kind', 'url', 'origin'],
} as const;

/** The request body of POST /v1/sources; the zod `sourceSchema` of src/config.ts has the last word. */
export const sourceInputSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'letters, digits, ".", "_" or "-" (at most 64)' },
    kind: { type: 'string', enum: ['feed', 'sitemap', 'page'] },
    url: { type: 'string', description: 'http(s) URL of the feed, sitemap or listing page' },
    every: { type: 'string', description: 'poll interval like 5m, at least 1m (or give cron)' },
    cron: { type: 'string', description: 'cron pattern like "*/10 * * * *"' },
    select: { type: 'string', description: 'CSS selector of article links on a page source' },
    maxAge: { type: 'string', description: 'items older than this are skipped; at least 1h' },
  },
  required: ['id', 'kind', 'url'],
  additionalProperties: false,
} as const;

const webhookFilter = {
  type: 'object',
  description: 'every part given must hold; within a part, any of its values',
  properties: {
    keywords: {
      type: 'array',
      maxItems: MAX_FILTER_KEYWORDS,
      items: { type: 'string', maxLength: MAX_FILTER_KEYWORD_LENGTH },
      description: 'whole words in the summary, sentence or actors',
    },
    sources: { type: 'array', maxItems: MAX_FILTER_KEYWORDS, items: { type: 'string' }, description: 'source ids: events an article of one of them reports' },
    modalities: { type: 'array', items: { type: 'string', enum: [...MODALITIES] } },
    stories: { type: 'array', maxItems: MAX_FILTER_KEYWORDS, items: { type: 'string' }, description: 'story ids (GET /v1/stories): events of one of these stories' },
  },
  additionalProperties: false,
} as const;
const webhookNotify = {
  type: 'object',
  description: "this endpoint's recency window: events dated more than recentDays before their first report page it not (default: the config's notify.recentDays)",
  properties: { recentDays: { type: 'integer', minimum: 0, maximum: 3650 } },
  additionalProperties: false,
} as const;

export const webhookSchemaJson = {
  type: 'object',
  properties: {
    id: text,
    url: text,
    secret: { type: 'string', description: 'masked: whsec_… and the last four characters' },
    filter: webhookFilter,
    notify: webhookNotify,
    origin: { type: 'string', enum: ['config', 'api'] },
    createdAt: timestamp,
  },
  required: ['id', 'url', 'secret', 'origin'],
} as const;

export const webhookInputSchema = {
  type: 'object',
  properties: {
    id: text,
    url: { type: 'string', description: 'http(s) URL that receives the signed POSTs' },
    secret: { type: 'string', description: 'Standard Webhooks secret: whsec_<base64>' },
    filter: webhookFilter,
    notify: webhookNotify,
  },
  required: ['id', 'url', 'secret'],
  additionalProperties: false,
} as const;

export const deliverySchema = {
  type: 'object',
  properties: {
    id: text,
    webhookId: text,
    eventId: text,
    type: { type: 'string', enum: ['event.created', 'event.updated'] },
    payload: { description: 'the body as sent (or to be sent)' },
    status: { type: 'string', enum: ['pending', 'succeeded', 'failed'] },
    attempts: {
      type: 'array',
      items: {
        type: 'object',
        properties: { attempt: { type: 'integer' }, attemptedAt: timestamp, statusCode: nullableInteger, error: nullableText, durationMs: { type: 'integer' } },
      },
    },
    lastStatusCode: nullableInteger,
    lastError: nullableText,
    createdAt: timestamp,
    deliveredAt: nullableTimestamp,
  },
  required: ['id', 'webhookId', 'eventId', 'type', 'status', 'attempts'],
} as const;

export const reingestInputSchema = {
  type: 'object',
  properties: {
    all: { type: 'boolean', description: 'every stored article' },
    sourceId: { type: 'string', description: 'the articles of one source' },
    url: { type: 'string', description: 'one article, by URL' },
    since: { ...isoDay, description: 'only articles published on or after this day (YYYY-MM-DD)' },
    refetch: { type: 'boolean', default: false, description: 'fetch again instead of re-processing the kept HTML' },
  },
  additionalProperties: false,
} as const;

export const reingestStatusSchema = {
  type: 'object',
  properties: {
    jobId: text,
    state: { type: 'string', description: 'BullMQ job state: waiting, active, completed, failed, delayed…' },
    progress: { description: '{total, done, failed, eventsCreated} while it runs' },
    result: { description: 'what the re-ingest did, once completed' },
    failedReason: nullableText,
  },
  required: ['jobId', 'state'],
} as const;
