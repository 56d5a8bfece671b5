/**
 * What boilerplate looks like, by kind. Each pattern names a kind of page furniture that news
 * sites share (share bars, newsletter boxes, related lists…), never one site's markup.
 */

/** Class or id tokens that name furniture. Tested against each class token and the id. */
export const FURNITURE_TOKEN = new RegExp(
  [
    // sharing and social
    'share', 'sharing', 'social', 'sociable', 'addthis', 'sharethis',
    // related / recommended / popular lists
    'related', 'recommend', 'most-?(read|popular|viewed|shared)', 'popular', 'trending', 'more-?(stories|news|articles|from)',
    'read-?(more|next|also)', 'also-?read', 'outbrain', 'taboola', 'zergnet', 'you-?may-?like', 'explore',
    // subscriptions, donations, paywalls, promotions
    'newsletter', 'subscri(be|ption)', 'signup', 'sign-?up', 'donat(e|ion)', 'paywall', 'promo', 'membership', 'support-?us',
    // consent and notices
    'cookie', 'consent', 'gdpr', 'adblock', 'notice-?bar', 'modal', 'popup', 'overlay',
    // ads
    'advert', 'adslot', 'ad-?(slot|unit|container|wrapper|box|block|zone|banner|label)', 'dfp', 'gpt-?ad', 'sponsor', 'native-?ad',
    // comments
    'comments?', 'comment-?(form|list|area|respond|section)', 'disqus', 'respond', 'replies',
    // navigation and page chrome
    'breadcrumbs?', 'pagination', 'pager', 'skip-?link', 'toc', 'table-?of-?contents', 'ez-toc',
    // article meta that is not text
    'byline', 'author-?(bio|box|info|card)', 'about-?the-?author', 'reading-?time', 'read-?time', 'post-?meta', 'entry-?meta',
    'article-?meta', 'meta-?data', 'dateline', 'timestamp', 'tags', 'tag-?(list|links|cloud)', 'post-?tags', 'cat-?links',
    'caption', 'credit', 'figcaption', 'wp-caption-text', 'photo-?credit',
  ]
    .map((p) => `(^|[-_])(${p})($|[-_])`)
    .join('|'),
  'i',
);

/** Page chrome tokens: only as a whole token (`site-header` yes, `headerless` no). */
export const CHROME_TOKEN = /^(site-?)?(header|footer|nav|navbar|navigation|menu|sidebar|masthead|widget|topbar|top-bar)(s)?$/i;

/** ARIA roles that are never the article. */
export const FURNITURE_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu',
  'menubar', 'toolbar', 'tablist', 'alert',
]);

/**
 * Labels that open a box of furniture: a box whose first words are one of these and whose text
 * is mostly links (or short) is a list of other stories, a newsletter or a donation ask.
 */
export const FURNITURE_LABEL =
  /^(related( (stories|articles|content|posts|news|coverage|topics))?|recommended( for you)?|read (more|next|also)|more (from|on|in|stories|news|like this|to explore)|most (popular|read|viewed|shared)|trending( now)?|you (may|might) (also )?like|also read|see also|explore|don'?t miss|editor'?s picks|top stories|latest (news|stories)|popular (now|stories)|further reading|recent posts|share (this|on)|follow us|sign up|subscribe|newsletter|get (the|our)|support (us|our|independent)|your support|donate|advertisement|sponsored|tags?:?|topics:?|filed under|more about)\b/i;
