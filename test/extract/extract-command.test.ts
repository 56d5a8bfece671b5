import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runExtract } from '../../src/commands/extract.js';
import { memoryIO } from '../support/memory-io.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/pages');

async function run(argv: string[], input = ''): Promise<{ code: number; lines: Record<string, unknown>[]; stderr: string }> {
  const { io, out, err } = memoryIO(input);
  const code = await runExtract(argv, io);
  return { code, lines: out().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: err() };
}

describe('chronicle extract', () => {
  it('prints usage and exits 2 without inputs', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: chronicle extract');
  });

  it('prints one line per file of a directory, with the contract fields', async () => {
    const r = await run([path.join(fixtures, 'seed-004-wws')]);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    const line = r.lines[0];
    expect(Object.keys(line)).toEqual(['input', 'url', 'title', 'byline', 'siteName', 'lang', 'publishedAt', 'text']);
    expect(line.publishedAt).toBe('2025-11-20');
    expect(String(line.text)).toContain('\n\n');
  });

  it('goes on after a bad input, which prints {input, error}, and exits 1', async () => {
    const missing = path.join(fixtures, 'no-such-page.html');
    const good = path.join(fixtures, 'seed-000-sunrisetimes', 'page.html');
    const r = await run([missing, good]);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toEqual({ input: missing, error: expect.stringContaining('ENOENT') });
    expect(r.lines[1].input).toBe(good);
    expect(r.lines[1].title).toBeTruthy();
  });

  it('answers with text, not NO_ARTICLE, on pages whose article container looks like furniture', async () => {
    // A Blogger post inside 'div.widget.Blog', a story inside an <aside>, a live ticker whose
    // entries are classed as comments: each came back empty before (no main text found).
    const slugs = ['blog-post-in-sidebar-widget', 'story-in-aside', 'live-ticker-entries'];
    const r = await run(slugs.map((slug) => path.join(fixtures, slug, 'page.html')));
    expect(r.code).toBe(0);
    for (const line of r.lines) {
      expect(line.error).toBeUndefined();
      expect(String(line.text).length).toBeGreaterThan(200);
    }
  });

  it("reads one page from standard input for '-'", async () => {
    const html = readFileSync(path.join(fixtures, 'seed-004-wws', 'page.html'), 'utf8');
    const r = await run(['-'], html);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ input: '-', publishedAt: '2025-11-20' });
    expect(String(r.lines[0].text).length).toBeGreaterThan(500);
  });
});
