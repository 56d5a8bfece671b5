/**
 * The contract of the story stage, shared by the pure assignment (assign-story.ts), the offline
 * index the CLI and the benchmark use (memory-index.ts) and the store's index
 * (store/story-store.ts): one types file, so that none of them imports another for its types.
 */

/** What an article is about, as the story stage compares it. Built from the analysed article. */
export interface ArticleProfile {
  /** Distinctive words of the title and text, weighted (higher = more telling). */
  terms: Record<string, number>;
  /** Named actors of the article's events and text, in a normal form. */
  actors: string[];
  /** Days ('YYYY-MM-DD') the article's events are dated to (the publication day included). */
  days: string[];
  /** When the article was published (ISO 8601): stories fade with time since their last article. */
  publishedAt: string;
  title: string | null;
}

/** A story as kept between articles: its profile grows as articles join. */
export interface StoryProfile {
  id: string;
  /** The most central headline among its articles. */
  title: string;
  terms: Record<string, number>;
  actors: Record<string, number>;
  days: Record<string, number>;
  articleCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  /** The headlines of its articles with their terms' weight, to choose the most central one. */
  headlines: { title: string; articleId: string }[];
  /**
   * How alike its articles are: the sum of the word cosines between every two of them, and how
   * many pairs that is (story-match.ts: likeItsArticles). Absent in profiles kept before it was.
   */
  cohesion?: { sum: number; pairs: number };
}

/**
 * Where assignment finds the stories an article might join: a few candidates that share index
 * keys with it (never a scan of every story). The service's is SQL over an index table; the
 * offline one (CLI, benchmark) keeps the same keys in memory.
 */
export interface StoryCandidates {
  /** Stories with any of these keys, seen since `since`, most shared keys first, at most `limit`. */
  near(keys: readonly string[], since: string, limit: number): Promise<StoryProfile[]>;
}

/** The outcome of assigning one article. */
export interface StoryAssignment {
  /** The story after the article joined it (a new one when `opened`). */
  story: StoryProfile;
  opened: boolean;
  /** How close the article was to the story it joined (0 when opened). */
  similarity: number;
  /** The stories it was compared with, as they were before it joined (absorb-single.ts asks them again). */
  candidates: StoryProfile[];
}
