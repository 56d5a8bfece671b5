import type { TextBlock } from './text-blocks.js';

/**
 * Kinds of residue that survive inside an article body, each a pattern over one block's text.
 * `maxLength` keeps a rule from eating a real paragraph that merely starts the same way.
 */
export interface ResidueRule {
  kind: string;
  pattern: RegExp;
  maxLength: number;
}

export const RESIDUE_RULES: ResidueRule[] = [
  // Donation and membership appeals ("Your support helps us to tell the story…").
  { kind: 'donation', pattern: /^(your support (helps|makes|means)|support (independent|quality|our|us)\b|please (consider )?(support|donate)|donate( now|today)?\b|become a (member|supporter|patron)|we rely on (readers|your))/i, maxLength: 400 },
  // Image furniture: gallery buttons, credits, "Image/Caption/Close" of lightboxes.
  { kind: 'gallery', pattern: /^(open image in gallery|view (image|photo|gallery)|enlarge (this )?image|image \d+ (of|\/)|\d+\s*\/\s*\d+$|(image|caption|close|expand|fullscreen|hide caption|toggle caption)$)/i, maxLength: 300 },
  { kind: 'photo-credit', pattern: /^((photo|image|picture|photograph|video|illustration|graphic)s?( credit)?\s*(:|by\b)|credits?\s*:|\(?(getty images?|ap photo|reuters|afp|epa|shutterstock)[^a-z]*\)?$)/i, maxLength: 200 },
  // Labels of lists of other stories.
  { kind: 'recommended', pattern: /^(recommended( for you| stories| reading)?|related( (stories|articles|content|posts|news|coverage|topics|video))?|read (more|next|also)|more (from|on|stories|news|like this)\b|also read|see also|you (may|might) (also )?like|most (popular|read|viewed)|trending( now)?|explore( more)?|don'?t miss|top stories|latest (news|stories|videos?)|further reading|editor'?s picks)\s*[:.»›-]?$/i, maxLength: 60 },
  // A related link after its label ("Read more: …", "Related: …", "DON'T MISS …"), or glued to
  // it ("RelatedTRT World - …").
  { kind: 'related-link', pattern: /^(related|read more|read also|also read|see also|more|watch|listen|recommended|don'?t miss|read next|leia também|veja também|lesen sie auch|leggi anche|lee también|lire aussi|читайте также)\s*(:|»|›|\||–|-)\s*\S/i, maxLength: 300 },
  { kind: 'related-link', pattern: /^(Related|RELATED|Recommended|RECOMMENDED)(?=[A-Z])|^(DON'T MISS|READ MORE|READ NEXT|RELATED|SEE ALSO|READ ALSO|MORE ON THIS|WATCH|LISTEN)\b/, maxLength: 300 },
  { kind: 'recommended', pattern: /^(more\b.{0,30}\b(stories|news|articles|coverage|reads)|関連記事|関連ニュース|相关文章|相关新闻|관련 ?기사|artículos relacionados|notícias relacionadas|ähnliche artikel|articles similaires|похожие (статьи|новости)|читайте также|te puede interesar|você também pode gostar|potrebbe interessarti)\s*[:.»›-]?$/i, maxLength: 50 },
  // A bare URL, a page's own address printed for sharing.
  { kind: 'url', pattern: /^(https?:\/\/|www\.)\S+$/i, maxLength: 400 },
  // Lists of tags and topics.
  { kind: 'tags', pattern: /^(tags?|topics?|filed under|categories|category|keywords|schlagwörter|etiquetas)\s*[:：]?\s*\S/i, maxLength: 300 },
  // A line that is only publication metadata: "Published Monday, November 18, 2019 8:22AM EST".
  { kind: 'published-line', pattern: /^(published|updated|posted|last updated|first published|publicado|publié|veröffentlicht|pubblicato)\b.{0,60}\d/i, maxLength: 100 },
  { kind: 'agency-byline', pattern: /^(the )?(associated press|reuters|afp|ap|agence france-presse|press association|pa media|dpa|efe)$/i, maxLength: 40 },
  // AP-style captions: "In this Dec. 12, 2006, file photo, …", "… (AP Photo/David Zalubowski)".
  { kind: 'caption', pattern: /^in this .{0,80}\b(photo|image|picture|file photo|photograph|handout)\b|\((ap|afp|reuters|getty|epa)( images)? ?(photo|\/)[^)]*\)$/i, maxLength: 600 },
  { kind: 'caption', pattern: /(©|\bphotos? (by|courtesy)\b|\bimage (credit|courtesy)\b)/i, maxLength: 160 },
  { kind: 'source-line', pattern: /^(source|sources|via)\s*:\s*\S|^via\s+\S+$/i, maxLength: 80 },
  // Reading time and bare bylines.
  { kind: 'reading-time', pattern: /^(\d+\s*(min|mins|minute|minutes)\s*(read|reading)( time)?|reading time:?\s*\d+\s*(min|mins|minutes)?)\.?$/i, maxLength: 40 },
  { kind: 'byline', pattern: /^(by|written by|posted by|words by)\s*$|^(by|written by|posted by)\s+[\p{Lu}][\p{L}.'’-]+(\s+[\p{Lu}][\p{L}.'’-]+){0,3}(\s*(,|and|&)\s*[\p{Lu}][\p{L}.'’-]+(\s+[\p{Lu}][\p{L}.'’-]+){0,3})*$/u, maxLength: 80 },
  // Breadcrumbs: "Home » world » …", "Home > News > …".
  { kind: 'breadcrumb', pattern: /^home\s*[»›>/|]/i, maxLength: 300 },
  { kind: 'toc', pattern: /^(table of contents|contents|in this article|jump to|on this page)\s*(toggle|\[(hide|show)\])?$/i, maxLength: 40 },
  // Comment forms and spam-filter notices.
  { kind: 'comment', pattern: /^(leave a (comment|reply)|post a comment|add a comment|comments?( \(\d+\))?|\d+ comments?|join the (conversation|discussion)|show comments|view comments|be the first to comment|this site uses akismet|you must be logged in to post a comment|your email address will not be published)/i, maxLength: 200 },
  { kind: 'comment', pattern: /^(комментарии|отзывы|добавить (отзыв|комментарий)|оставить комментарий|comentários|comentarios|deixe (um|seu) comentário|deja (un|tu) comentario|kommentare|kommentar schreiben|commentaires|laisser un commentaire|commenti|lascia un commento)\s*(\(\d+\))?:?$/i, maxLength: 40 },
  { kind: 'recommended', pattern: /^(most popular|самые популярные|популярные|читайте также|más populares|mais populares|les plus populaires|meistgelesen|i più letti)(\s.{0,30})?$/i, maxLength: 50 },
  { kind: 'call-to-comment', pattern: /^(share your (thoughts|perspective|views|opinion|story)|let us know (what you think|in the comments)|tell us (what you think|in the comments)|what do you think\?|we('d| would) love to hear|sound off in the comments)/i, maxLength: 250 },
  { kind: 'call-to-subscribe', pattern: /^(click here to (subscribe|sign up|follow|get (the|our) [\w\s]{0,30}app)|join (our|the) \w+|follow @|(follow|email) [\w@.]+( [\w@.]+)? (on|at) |sign up (for|to)|subscribe (to|for|now|today)|get (our|the) [\w\s]{0,30}newsletter|follow us on|like us on facebook|download (our|the) app|want more\b.*\?|get the latest\b)/i, maxLength: 250 },
  // Ad and ad-block notices.
  { kind: 'ad', pattern: /^(advertisement|advertising|sponsored( content)?|ad|ads|story continues (below|after)( advertisement)?|article continues below|continue reading below|scroll to continue)\s*[:.-]?$/i, maxLength: 60 },
  { kind: 'adblock', pattern: /^(adblock(er)? detected|we (noticed|see|detected) (that )?you('re| are) using an? ad ?blocker|please (support us by )?(disabl|turn off|whitelist)\w*( your)? ad ?block)/i, maxLength: 300 },
  // Contact footers and copyright lines.
  { kind: 'contact', pattern: /^(to contact (the|us)|contact us( at|:)|for (more information|inquiries),? contact|email us at|send (us )?(news )?tips)|^.{0,60}\bcustomer service\b.{0,30}\b(contacted|reached|available)\b/i, maxLength: 300 },
  // Reporter contact lines and coverage plugs at the foot of wire stories.
  { kind: 'contact', pattern: /^(write to|reach (the )?(reporter|writer|author)s?\b|follow .{0,60}\bat https?:)/i, maxLength: 300 },
  { kind: 'contributors', pattern: /\bcontributed (reporting )?to this (report|story|article)\.?$/i, maxLength: 300 },
  // Membership pitches and affiliate disclosures.
  { kind: 'donation', pattern: /^if you (enjoyed|liked|value|appreciate) (this|our)\b.{0,40}\b(join|support|subscribe|donate|become|proposition|consider)/i, maxLength: 400 },
  { kind: 'affiliate', pattern: /\b(may|might|could) (earn|receive) (a|an)? ?(small )?(affiliate )?commission\b|\bwe (may )?earn .{0,30}(from|through) (affiliate|qualifying|the) (links|purchases)/i, maxLength: 300 },
  // A byline and date on one meta line: "05/10/2018 - Publicado por: … - Categoria: …".
  { kind: 'meta-line', pattern: /\b(posted|published|publicado|publié|pubblicato|veröffentlicht|escrito) (by|por|par|da|von)\b/i, maxLength: 160 },
  // Comment moderation notices.
  { kind: 'comment', pattern: /\b(comments?|comentários|commentaires|kommentare)\b.{0,80}\b(moderat\w*|approved|aprovados|reviewed)\b/i, maxLength: 300 },
  // Reading widgets.
  { kind: 'widget', pattern: /^(text size|font size|listen to (this )?(article|story)|print (this )?(article|page)?|save (for later|article)|bookmark)$/i, maxLength: 40 },
  { kind: 'copyright', pattern: /^(©|\(c\)|copyright\b|all rights reserved|this (material|article|story|document) (may not|is subject to copyright)|part may be reproduced)/i, maxLength: 300 },
  { kind: 'share', pattern: /^(share( this( article| story)?)?( on)?( (facebook|twitter|x|whatsapp|email|linkedin|reddit))?|tweet|pin it|print|email|copy link|facebook|twitter|whatsapp|linkedin)\s*[:.]?$/i, maxLength: 60 },
];

export function residueKind(block: TextBlock): string | null {
  for (const rule of RESIDUE_RULES) {
    if (block.text.length <= rule.maxLength && rule.pattern.test(block.text)) return rule.kind;
  }
  return null;
}
