import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../errors.js';
import { getArticle, listArticles, type ArticleStatus } from '../store/article-store.js';
import type { ApiDeps } from './api-deps.js';
import { articleSchema, articleSummarySchema, cursorParam, errorResponses, idParams, pageLimit } from './api-schemas.js';
import { assertCursor } from './page-cursor.js';

interface ArticlesQuery {
  source?: string;
  status?: ArticleStatus;
  limit: number;
  cursor?: string;
}

const articlesQuerySchema = {
  type: 'object',
  properties: {
    source: { type: 'string', minLength: 1, description: 'source id' },
    status: { type: 'string', enum: ['pending', 'fetched', 'processed', 'failed'] },
    limit: pageLimit(50),
    cursor: cursorParam,
  },
  additionalProperties: false,
} as const;

export function registerArticleRoutes(app: FastifyInstance, { db }: ApiDeps): void {
  app.get<{ Querystring: ArticlesQuery }>(
    '/v1/articles',
    {
      schema: {
        tags: ['articles'],
        summary: 'Articles, newest first; without their text',
        querystring: articlesQuerySchema,
        response: {
          200: { type: 'object', properties: { articles: { type: 'array', items: articleSummarySchema }, nextCursor: { type: ['string', 'null'] } } },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { source, status, limit, cursor } = request.query;
      assertCursor(cursor, 'articles');
      // The response schema leaves out `text`; the raw HTML is never read by listArticles.
      return listArticles(db, { sourceId: source, status, limit, cursor });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/articles/:id',
    { schema: { tags: ['articles'], summary: 'One article with its extracted text', params: idParams, response: { 200: articleSchema, ...errorResponses } } },
    async (request) => {
      const article = await getArticle(db, request.params.id);
      if (!article) throw new NotFoundError(`no article ${request.params.id}`);
      return article;
    },
  );
}
