import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIO } from '../support/memory-io.js';
import { eventsUsage, runEvents } from '../../src/commands/events.js';
import { runTimex, timexUsage } from '../../src/commands/timex.js';
import { seedPath } from './seeds.js';


const lines = (s: string): any[] => s.split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('chronicle timex', () => {
  it('prints one JSON line per expression from stdin', async () => {
    const text = 'Umerov said on Friday he met them on Thursday.';
    const m = memoryIO(text);
    expect(await runTimex(['--dct', '2025-11-21'], m.io)).toBe(0);
    const at = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length, text: w });
    expect(lines(m.out())).toEqual([
      { ...at('Friday'), type: 'DATE', value: '2025-11-21' },
      { ...at('Thursday'), type: 'DATE', value: '2025-11-20' },
    ]);
  });

  it('reads a file', async () => {
    const m = memoryIO();
    expect(await runTimex(['--dct', '2025-11-20', seedPath('004')], m.io)).toBe(0);
    expect(lines(m.out()).some((t) => t.text === 'last week' && t.value === '2025-W46')).toBe(true);
  });

  it('rejects an invalid --dct with a message naming it and exit 2', async () => {
    for (const bad of ['2025-02-30', '21/11/2025', 'friday', '2025-11-21T10:00:00Z']) {
      const m = memoryIO('on Friday');
      expect(await runTimex(['--dct', bad], m.io)).toBe(2);
      expect(m.err()).toMatch(/--dct/);
      expect(m.out()).toBe('');
    }
    const missing = memoryIO('on Friday');
    expect(await runTimex([], missing.io)).toBe(2);
    expect(missing.err()).toContain(timexUsage.split('\n')[0]);
  });

  it('runs a batch, answering a bad line with {id, error} and going on', async () => {
    const input = [
      JSON.stringify({ id: 'a', dct: '2025-11-21', text: 'They met on Thursday.' }),
      'not json',
      JSON.stringify({ id: 'b', dct: '2025-13-01', text: 'x' }),
      '',
      JSON.stringify({ id: 'c', dct: '2026-02-07', text: 'They want it done by June.' }),
      JSON.stringify({ id: 'd', dct: '2025-11-21', text: 42 }),
    ].join('\n');
    const m = memoryIO(input);
    expect(await runTimex(['--batch'], m.io)).toBe(0);
    const out = lines(m.out());
    expect(out).toHaveLength(5);
    expect(out[0]).toEqual({ id: 'a', timexes: [{ start: 12, end: 20, text: 'Thursday', type: 'DATE', value: '2025-11-20' }] });
    expect(out[1]).toMatchObject({ id: null, error: expect.any(String) });
    expect(out[2]).toMatchObject({ id: 'b', error: expect.stringMatching(/dct/) });
    expect(out[3].timexes[0].value).toBe('2026-06');
    expect(out[4]).toMatchObject({ id: 'd', error: expect.stringMatching(/text/) });
  });

  it('fails at run time (exit 1) for a missing file', async () => {
    const m = memoryIO();
    expect(await runTimex(['--dct', '2025-11-21', '/no/such/file.txt'], m.io)).toBe(1);
    expect(m.err()).toMatch(/no such file/);
  });
});

describe('chronicle events', () => {
  const fixed = () => new Date('2025-11-22T08:00:00Z');

  it('prints events in the design shape for a plain-text file with --published', async () => {
    const m = memoryIO();
    const file = seedPath('003');
    expect(await runEvents(['--published', '2025-11-21', file], m.io, fixed)).toBe(0);
    const events = lines(m.out());
    expect(events.length).toBeGreaterThan(3);
    const denied = events.find((e) => e.sentence.includes('denied on Friday'));
    expect(Object.keys(denied)).toEqual([
      'id', 'date', 'granularity', 'dateBasis', 'modality', 'summary', 'actors', 'dateText', 'sentence', 'sourceCount', 'mentionCount', 'sources', 'mentions', 'firstSeenAt',
    ]);
    expect(denied).toMatchObject({
      date: '2025-11-21', granularity: 'day', dateBasis: 'text', sourceCount: 1, mentionCount: 1,
      sources: [{ url: file, site: null, publishedAt: '2025-11-21' }], firstSeenAt: '2025-11-22T08:00:00.000Z',
    });
    expect(denied.id).toMatch(/^[0-9a-f]{24}$/);
    // Stable: the same input gives the same ids.
    const again = memoryIO();
    await runEvents(['--published', '2025-11-21', file], again.io, fixed);
    expect(lines(again.out()).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('prints the same event told by two outlets once, with both among its sources', async () => {
    const pages = join(import.meta.dirname, '..', 'fixtures', 'pages');
    const independent = join(pages, 'seed-002-independent', 'page.html');
    const wsws = join(pages, 'seed-004-wws', 'page.html');
    const m = memoryIO();
    expect(await runEvents([independent, wsws], m.io, fixed)).toBe(0);
    const events = lines(m.out());
    // "before Thanksgiving" (2025-11-27) is reported by both pages.
    const thanksgiving = events.filter((e) => e.date === '2025-11-27');
    expect(thanksgiving).toHaveLength(1);
    expect(thanksgiving[0].sourceCount).toBe(2);
    expect(thanksgiving[0].sources.map((source: { url: string }) => source.url)).toEqual([independent, wsws]);
    // Nothing is merged across dates: each printed event has one date and ids are unique.
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('compares a new report with every telling of a merged event, not only its first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-tellings-'));
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    // The first telling gives a price the third report does not share (two happenings by their
    // quantities); the second telling is the launch the third report speaks of.
    const first = file('a.txt', 'Apple launched the iTunes Music Store, selling songs at 99 cents each, on April 28, 2003.');
    const second = file('b.txt', 'Apple Computer was started by Steve Jobs and Steve Wozniak in 1976, and launched the iTunes Music Store in 2003.');
    const third = file('c.txt', 'More than 4 billion songs have been sold by the iTunes Music Store since Apple launched it in 2003.');
    const m = memoryIO();
    expect(await runEvents(['--published', '2008-04-02', first, second, third], m.io, fixed)).toBe(0);
    const launch = lines(m.out()).filter((e) => e.date.startsWith('2003'));
    expect(launch).toHaveLength(1);
    expect(launch[0].sources.map((source: { url: string }) => source.url)).toEqual([first, second, third]);
    expect(launch[0].date).toBe('2003-04-28');
  });

  it('compares a new report with the merged event at its finest date, not a coarser telling', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-finest-'));
    const page = (name: string, published: string, sentences: string[]) => {
      const body = sentences.map((sentence) => `<p>${sentence}</p>`).join('');
      writeFileSync(join(dir, name), `<html><head><title>A380</title><meta property="article:published_time" content="${published}"></head><body><article><h1>A380</h1>${body}</article></body></html>`);
      return join(dir, name);
    };
    // "In October" is joined by the delivery on Monday, October 15; the first flight on October
    // 25 lies inside October too, but not inside the delivery's day: two happenings.
    const march = page('a.html', '2007-03-19', ['Singapore Airlines is expected to take the first delivery of the Airbus A380 in October.']);
    const delivery = page('b.html', '2007-10-15', [
      'Singapore Airlines received the first Airbus A380 at a ceremony in Toulouse on Monday.',
      'The airline will fly the A380 on its first commercial flight on October 25, from Singapore to Sydney.',
    ]);
    const m = memoryIO();
    expect(await runEvents([march, delivery], m.io, fixed)).toBe(0);
    const events = lines(m.out());
    const received = events.find((e) => e.date === '2007-10-15');
    expect(received?.sources.map((source: { url: string }) => source.url)).toEqual([march, delivery]);
    const flight = events.find((e) => e.date === '2007-10-25');
    expect(flight?.mentions).toHaveLength(1);
  });

  it('needs --published for plain text: an error line for that file, the others go on, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-events-'));
    const html = join(dir, 'story.html');
    writeFileSync(html, `<!doctype html><html><head><title>Talks</title>
      <meta property="article:published_time" content="2025-11-21T09:00:00Z"></head><body><article>
      <h1>Talks</h1><p>Ukraine's top security official denied on Friday that he had agreed to the outline of the plan,
      after US officials said he had accepted most of its terms. The envoys met in Geneva on Thursday to discuss it.</p>
      <p>${'The talks are expected to continue for some time, officials said, and no date has been set for a signing. '.repeat(4)}</p>
      </article></body></html>`);
    const m = memoryIO();
    const code = await runEvents([seedPath('003'), html], m.io, fixed);
    expect(code).toBe(1);
    const out = lines(m.out());
    expect(out[0]).toMatchObject({ input: seedPath('003'), error: expect.stringMatching(/--published/) });
    const thursday = out.find((e) => e.dateText === 'Thursday');
    expect(thursday).toMatchObject({ date: '2025-11-20', sources: [{ url: html, publishedAt: '2025-11-21T09:00:00Z' }] });
  });

  it('rejects an invalid --published and a call without files (exit 2)', async () => {
    const bad = memoryIO();
    expect(await runEvents(['--published', '2025-02-30', seedPath('003')], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/--published/);
    const none = memoryIO();
    expect(await runEvents([], none.io)).toBe(2);
    expect(none.err()).toContain(eventsUsage.split('\n')[0]);
  });

  it('reports a missing file on its own line', async () => {
    const m = memoryIO();
    expect(await runEvents(['--published', '2025-11-21', '/no/such/file.txt'], m.io)).toBe(1);
    expect(lines(m.out())[0]).toMatchObject({ input: '/no/such/file.txt', error: expect.stringMatching(/no such file/) });
  });

  it("reads standard input for '-', plain text with --published or an HTML page", async () => {
    const text = readFileSync(seedPath('003'), 'utf8');
    const m = memoryIO(text);
    expect(await runEvents(['--published', '2025-11-21', '-'], m.io, fixed)).toBe(0);
    const events = lines(m.out());
    expect(events.some((e) => e.sentence.includes('denied on Friday'))).toBe(true);
    expect(events[0].sources[0]).toMatchObject({ url: '-', publishedAt: '2025-11-21' });
    const page = memoryIO(readFileSync(new URL('../fixtures/pages/seed-004-wws/page.html', import.meta.url), 'utf8'));
    expect(await runEvents(['-'], page.io, fixed)).toBe(0);
    expect(lines(page.out()).length).toBeGreaterThan(0);
  });
});
