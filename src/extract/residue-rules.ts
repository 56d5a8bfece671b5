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

/**
 * The same kinds in the other languages of the data (German, French, Spanish, Italian,
 * Portuguese, Polish, Dutch, Chinese, Arabic): labels of related lists, comment blocks, share and
 * print buttons, credits, source and author boxes. Each matches a whole short block, so a
 * paragraph that merely opens with the same words stays.
 */
export const OTHER_LANGUAGE_RULES: ResidueRule[] = [
  {
    kind: 'recommended',
    pattern: /^(mehr zum thema|mehr (themen|artikel|beiträge|news|nachrichten)|weitere (artikel|beiträge|themen|nachrichten|news|tourentipps|infos?)|auch (interessant|lesen)|das könnte (sie|dich) auch interessieren|(das|dies) könnte (sie|dich) (auch )?interessieren|zum weiterlesen|lesen sie (auch|mehr)|neueste (artikel|beiträge)|ähnliche (artikel|beiträge)|verwandte (artikel|beiträge|themen)|beliebte (artikel|beiträge)|meist(gelesen|gelesene artikel|-diskutiert|diskutiert)|weiterführende (links|artikel|informationen)|à lire (aussi|également)|lire (aussi|également|la suite)|sur le même (sujet|thème)|dans la même rubrique|à voir aussi|voir aussi|nos articles|articles (similaires|liés|récents)|también te puede interesar|lee (también|más)|noticias relacionadas|más noticias|te recomendamos|leggi anche|articoli correlati|potrebbe interessarti|leia (também|mais)|veja também|notícias relacionadas|czytaj (także|też|również|więcej)|zobacz (także|też|również)|przeczytaj (także|też|również)|polecamy|powiązane (artykuły|tematy)|lees (ook|meer)|meer nieuws|gerelateerde artikelen|相关阅读|延伸阅读|推荐阅读|热门文章|相关推荐|猜你喜欢|اقرأ أيضا|اقرأ أيضاً|مواضيع ذات صلة|أخبار ذات صلة|مقالات ذات صلة)\s*[:.»›…-]?$/iu,
    maxLength: 60,
  },
  // Comment sections: a count, an empty-state line, a form label.
  {
    kind: 'comment',
    pattern: /^(keine kommentare|(\d+|ein|einen) kommentar(e)?|kommentieren|kommentar (verfassen|schreiben|abgeben)|schreibe einen kommentar|schreiben sie einen kommentar|diskutieren sie mit|aucun commentaire|(\d+ )?commentaires?|réagir|ajouter un commentaire|sin comentarios|(\d+ )?comentarios?|escribe un comentario|nessun commento|brak komentarzy|(\d+ )?komentarz(e|y)?|dodaj komentarz|skomentuj|geen reacties|(\d+ )?reacties|评论|发表评论|网友评论|التعليقات|أضف تعليق|اترك تعليقا)\s*[:.!]?\s*(\(\d+\))?$/iu,
    maxLength: 40,
  },
  {
    kind: 'comment',
    pattern: /^(sie müssen (sich )?(angemeldet|eingeloggt) sein|sie müssen sich einloggen|bitte (melden sie sich an|loggen sie sich ein)|vous devez être connecté|debes (iniciar sesión|estar registrado)|musisz być zalogowany)/iu,
    maxLength: 200,
  },
  // Share, print and rating widgets.
  {
    kind: 'share',
    pattern: /^((artikel|beitrag|seite|rezept) (teilen|drucken|merken|versenden)|teilen|drucken|jetzt teilen|diesen (artikel|beitrag) teilen|partager( (cet|l')article| sur)?|imprimer|compartir|imprimir|condividi|stampa|compartilhe|udostępnij|drukuj|delen|printen|分享|打印|مشاركة|طباعة)\s*[:.]?$/iu,
    maxLength: 40,
  },
  {
    kind: 'rating',
    pattern: /^(\(?noch keine bewertungen\)?|war (der|dieser) (artikel|beitrag) (nützlich|hilfreich)\??|hat (ihnen|dir) (der|dieser) (artikel|beitrag) gefallen\??|(artikel|beitrag) gefallen\?.{0,40}|cet article vous a-t-il été utile\s*\??|¿te ha (gustado|resultado útil)( este artículo)?\?|czy ten artykuł był pomocny\??|gefällt (dir|ihnen) unser .{0,40}\?)$/iu,
    maxLength: 80,
  },
  // Credits of the lead picture.
  {
    kind: 'photo-credit',
    pattern: /^((titel|beitrags|vorschau|artikel)?bild(er)?|fotos?|foto(grafie)?s?|bildquelle|quelle bild|crédits? photos?|photo|foto de portada|créditos|zdjęci[ea]|fot\.|图片来源|图片|الصورة)\s*[:：©]\s*\S.{0,120}$/iu,
    maxLength: 160,
  },
  { kind: 'photo-credit', pattern: /^(titelbild|beitragsbild|symbolbild|vorschaubild)$/iu, maxLength: 20 },
  // Source lines, contact boxes and author boxes.
  { kind: 'source-line', pattern: /^(quelle|quellen|quellenangaben?|source|sources|fuente|fuentes|fonte|źródło|źródła|bron|来源|المصدر)\s*[:：]\s*\S.{0,100}$|^(quelle|quellen|quellenangaben?)\s*:?$/iu, maxLength: 120 },
  {
    kind: 'contact',
    pattern: /^(kontakt|ansprechpartner(in)?( zum thema)?|pressekontakt|contact|contacto|kontakt dla mediów|联系我们|اتصل بنا)\s*:?$/iu,
    maxLength: 40,
  },
  {
    kind: 'author-box',
    pattern: /^(über (den autor|die autorin|uns)|zum autor|zur autorin|à propos de l'auteur|l'auteur|sobre el autor|sobre a autora?|o autorze|over de auteur|关于作者|عن الكاتب)\s*:?$/iu,
    maxLength: 40,
  },
  // Bylines: "Von Sina Giebel", "Par Jean Dupont", "Por María López", "Autor: …". Case matters
  // (no `i` flag): the names are capitalised, and "Digital Crown" must not read as "Di gital".
  {
    kind: 'byline',
    pattern: /^([Vv]on|VON|[Pp]ar|PAR|[Pp]or|POR|[Dd]i|DI|[Pp]rzez|PRZEZ|[Dd]oor|DOOR|[Aa]utor(in)?|AUTOR|[Aa]uteur|AUTEUR|[Aa]utore|[Vv]erfasst von|[Gg]eschrieben von|[Rr]édigé par|[Ee]scrito por)(\s*:\s*|\s+)[\p{Lu}][\p{L}.'’-]+(\s+[\p{Lu}][\p{L}.'’-]+){0,3}(\s*(,|und|et|y|e|i|&)\s*[\p{Lu}][\p{L}.'’-]+(\s+[\p{Lu}][\p{L}.'’-]+){0,3})*$/u,
    maxLength: 80,
  },
  {
    kind: 'published-line',
    pattern: /^(aktualisiert|zuletzt aktualisiert|stand|erschienen|mis à jour|actualizado|aggiornato|atualizado|zaktualizowano|opublikowano|bijgewerkt|更新|发布时间|تم التحديث|نشر)( (am|le|el|il|em|op|in|on|at|um))?\s*[:：]?\s*.{0,40}\d.{0,30}$/iu,
    maxLength: 80,
  },
  // Ads and page navigation that survive as a line of their own.
  { kind: 'ad', pattern: /^(anzeige|werbung|publicité|publicidad|pubblicità|publicidade|reklama|advertentie|广告|إعلان)\s*[:.-]?$/iu, maxLength: 20 },
  { kind: 'ad', pattern: /^(anzeige|werbung)\s*[-–:]\s*\S.{0,100}$/u, maxLength: 120 },
  {
    kind: 'nav-line',
    pattern: /^(zurück|zurück zur übersicht|zur übersicht|nach oben|retour|retour en haut|volver|volver arriba|torna (su|indietro)|voltar|powrót|wróć|terug|返回|العودة)\s*[»›]?$/iu,
    maxLength: 30,
  },
];

export function residueKind(block: TextBlock): string | null {
  for (const rule of RESIDUE_RULES) {
    if (block.text.length <= rule.maxLength && rule.pattern.test(block.text)) return rule.kind;
  }
  for (const rule of OTHER_LANGUAGE_RULES) {
    if (block.text.length <= rule.maxLength && rule.pattern.test(block.text)) return rule.kind;
  }
  return null;
}
