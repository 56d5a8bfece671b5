import { describe, expect, it } from 'vitest';
import { residueKind } from '../../src/extract/residue-rules.js';
import type { TextBlock } from '../../src/extract/text-blocks.js';

const p = (text: string): TextBlock => ({ kind: 'p', text, linkShare: 0 });

/** Boilerplate lines in the other languages of the data are residue; prose that opens alike is not. */
describe('residue lines in other languages', () => {
  const residue: Array<[string, string]> = [
    ['Mehr zum Thema', 'recommended'],
    ['Das könnte Sie auch interessieren', 'recommended'],
    ['À lire aussi', 'recommended'],
    ['Czytaj także:', 'recommended'],
    ['Lee también', 'recommended'],
    ['相关阅读', 'recommended'],
    ['اقرأ أيضا', 'recommended'],
    ['Keine Kommentare', 'comment'],
    ['3 Kommentare', 'comment'],
    ['Aucun commentaire', 'comment'],
    ['Brak komentarzy', 'comment'],
    ['发表评论', 'comment'],
    ['أضف تعليق', 'comment'],
    ['Artikel teilen', 'share'],
    ['Partager', 'share'],
    ['Udostępnij', 'share'],
    ['Titelbild: dpa', 'photo-credit'],
    ['Crédits photos : AFP', 'photo-credit'],
    ['Quelle: Bundesamt für Statistik', 'source-line'],
    ['Źródło: GUS', 'source-line'],
    ['Von Anna Schmidt', 'byline'],
    ['Par Jean-Pierre Martin', 'byline'],
    ['Aktualisiert am 14.03.2025, 10:12 Uhr', 'published-line'],
    ['Anzeige', 'ad'],
    ['Zurück', 'nav-line'],
    ['Über den Autor', 'author-box'],
  ];
  for (const [text, kind] of residue) {
    it(`"${text}" is ${kind}`, () => expect(residueKind(p(text))).toBe(kind));
  }

  const prose = [
    'Mehr zum Thema Wohnungsbau will der Senat erst im Frühjahr sagen, hieß es am Montag.',
    'Von Anfang an war klar, dass die Brücke nicht vor 2027 fertig wird.',
    'Partager les frais de garde entre les communes reste la solution privilégiée.',
    'Digital Crown',
    'Discover what business-building stage you are in now',
    'Quelle surprise pour les habitants du quartier, qui attendaient ce parc depuis dix ans.',
    'Zurück in Berlin, traf sie sich mit den Vertretern der Gewerkschaft.',
  ];
  for (const text of prose) {
    it(`"${text.slice(0, 40)}…" stays`, () => expect(residueKind(p(text))).toBeNull());
  }
});
