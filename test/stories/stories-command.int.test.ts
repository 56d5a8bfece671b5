import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIO } from '../support/memory-io.js';
import { runStories, storiesUsage } from '../../src/commands/stories.js';
import { CLI, ensureBuilt, REPO_ROOT } from '../support/cli.js';
import { SEED_DIR } from '../events/seeds.js';


const lines = (s: string): any[] => s.split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** An article page as a news site serves it: headline, dateline, paragraphs. */
function page(headline: string, published: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${headline}</title>
<meta property="article:published_time" content="${published}"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>${headline}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>
<footer>© News Site. All rights reserved.</footer></body></html>`;
}

const QUAKE_A = [
  'A magnitude 7.1 earthquake struck near the city of Van in eastern Turkey on Sunday, killing at least 270 people, Turkish officials said.',
  'Rescue workers in Van and the town of Ercis searched collapsed buildings through the night, Interior Minister Idris Naim Sahin said.',
  'Prime Minister Recep Tayyip Erdogan flew to Van and said the government would rebuild every home destroyed in the earthquake.',
  'The Kandilli Observatory said more than 100 aftershocks followed the quake, the strongest of magnitude 5.7.',
];
const QUAKE_A2 = [
  'The death toll from the earthquake that hit Van province in eastern Turkey rose to 366 on Tuesday, Interior Minister Idris Naim Sahin said.',
  'Rescuers pulled a baby girl alive from the rubble of a building in Ercis, 48 hours after the quake, as Prime Minister Recep Tayyip Erdogan visited the survivors.',
  'The Kandilli Observatory recorded hundreds of aftershocks in Van and Ercis.',
];
const QUAKE_B = [
  'A magnitude 6.4 earthquake struck off the coast of Sumatra in Indonesia on Thursday, killing at least 12 people, the disaster agency BNPB said.',
  'Buildings collapsed in the city of Padang, where rescue workers searched the rubble, agency spokesman Sutopo Purwo Nugroho said.',
  'President Susilo Bambang Yudhoyono ordered the military to help the survivors in Padang and West Sumatra.',
  'The Indonesian meteorology agency BMKG said no tsunami followed the quake, though aftershocks shook Padang overnight.',
];

describe('chronicle stories', () => {
  it('groups the five seed articles into one story titled after the peace talks', async () => {
    const seeds = readdirSync(SEED_DIR).sort().map((f) => join(SEED_DIR, f));
    const m = memoryIO();
    expect(await runStories(seeds, m.io)).toBe(0);
    const stories = lines(m.out());
    expect(stories).toHaveLength(1);
    expect(stories[0].story).toBe('s1');
    expect([...stories[0].inputs].sort()).toEqual(seeds);
    expect(stories[0].title).toMatch(/peace/i);
    expect(stories[0].title).toMatch(/talks|plan/i);
  });

  it('keeps two earthquakes apart and joins the reports of each, from HTML pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-stories-'));
    const files = {
      a1: page('Earthquake in eastern Turkey kills hundreds in Van', '2011-10-23T18:00:00Z', QUAKE_A),
      b1: page('Earthquake off Sumatra kills 12 in Padang', '2011-10-27T09:00:00Z', QUAKE_B),
      a2: page('Turkey quake death toll rises to 366 as baby is rescued in Ercis', '2011-10-25T12:00:00Z', QUAKE_A2),
    };
    const paths = Object.entries(files).map(([name, html]) => {
      const file = join(dir, `${name}.html`);
      writeFileSync(file, html);
      return file;
    });
    const m = memoryIO();
    expect(await runStories(paths, m.io)).toBe(0);
    const stories = lines(m.out());
    expect(stories.map((s) => s.inputs.map((p: string) => p.slice(dir.length + 1)))).toEqual([['a1.html', 'a2.html'], ['b1.html']]);
    expect(stories[0].title).toMatch(/Turkey/);
    expect(stories[1].title).toBe('Earthquake off Sumatra kills 12 in Padang');
  });

  it('reads a page from standard input as "-"', async () => {
    const m = memoryIO(page('Earthquake off Sumatra kills 12 in Padang', '2011-10-27T09:00:00Z', QUAKE_B));
    expect(await runStories(['-'], m.io)).toBe(0);
    expect(lines(m.out())).toEqual([{ story: 's1', title: 'Earthquake off Sumatra kills 12 in Padang', inputs: ['-'] }]);
  });

  it('reports a file that fails as {input, error}, groups the others and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-stories-'));
    const good = join(dir, 'quake.txt');
    writeFileSync(good, QUAKE_B.join('\n'));
    const m = memoryIO();
    expect(await runStories(['--published', '2011-10-27', join(dir, 'missing.html'), good], m.io)).toBe(1);
    const out = lines(m.out());
    expect(out[0]).toEqual({ input: join(dir, 'missing.html'), error: `${join(dir, 'missing.html')}: no such file` });
    expect(out[1]).toMatchObject({ story: 's1', inputs: [good] });
    expect(out[1].title).toMatch(/Sumatra/);
  });

  it('rejects a bad --published or no file with its usage and exit 2', async () => {
    const bad = memoryIO();
    expect(await runStories(['--published', '2011-13-40', 'x.html'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/--published/);
    const none = memoryIO();
    expect(await runStories([], none.io)).toBe(2);
    expect(none.err()).toContain(storiesUsage.split('\n')[0]);
  });

  it('is wired into the built CLI', () => {
    ensureBuilt();
    const seed = join(SEED_DIR, readdirSync(SEED_DIR).sort()[0]);
    const run = spawnSync('node', [CLI, 'stories', '--published', '2026-02-07', '-'], { cwd: REPO_ROOT, input: readFileSync(seed), encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(lines(run.stdout)).toEqual([expect.objectContaining({ story: 's1', inputs: ['-'] })]);
    const help = spawnSync('node', [CLI, 'stories', '--help'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(help.stdout).toContain('Usage: chronicle stories');
  });
});
