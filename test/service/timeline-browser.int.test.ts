import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, waitFor, type RunningCli } from '../support/cli.js';
import { loadSeedPages, startNewsSite, type NewsSite, type SeedPage } from '../support/news-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { createServiceWorkdir, stopService, TEST_TOKEN, type ServiceWorkdir } from '../support/service-workdir.js';

/**
 * The timeline page in a real browser (Debian's headless Chromium, driven by playwright-core),
 * served by `chronicle start` on the seed news site: sign-in, search, filters, a new event
 * arriving live without a reload, a phone's width, and no request to any other origin.
 *
 * Screenshots: always written to `.tmp/test-artifacts/` (or `TEST_ARTIFACTS_DIR`); with
 * `UPDATE_SCREENSHOT=1` the desktop one is also written to `docs/timeline.png`, the README's.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`timeline-browser: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const ARTIFACTS = process.env.TEST_ARTIFACTS_DIR ?? join(REPO_ROOT, '.tmp', 'test-artifacts');
/** The live update's period for this test, through the page's own `?live=N` (its minimum). */
const LIVE_SECONDS = 5;

interface ApiEvent {
  id: string;
  date: string;
  modality: string;
  summary: string;
}

describe.skipIf(!haveChromium)('the timeline page in headless Chromium, through chronicle start', () => {
  let redis: TestRedis;
  let site: NewsSite;
  let workdir: ServiceWorkdir;
  let pages: SeedPage[];
  let service: RunningCli | undefined;
  let context: BrowserContext;
  let profile: string;
  let page: Page;
  /** Every request any page of the browser made, and every script error or console error. */
  const requests: string[] = [];
  const errors: string[] = [];
  const api = (path: string, init?: RequestInit) => workdir.api(path, init);
  const apiEvents = async (query = ''): Promise<ApiEvent[]> => (await api(`/v1/events?limit=100${query}`)).body.events;
  const shownIds = () => page.locator('article.event').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')!));

  beforeAll(async () => {
    pages = loadSeedPages();
    redis = await startTestRedis();
    // The RSS feed lists three of the five seed pages; the fourth is ingested during the test.
    site = await startNewsSite(pages, 3);
    workdir = await createServiceWorkdir({
      name: 'timeline-browser',
      redis,
      lines: [
        'fetch: { timeoutMs: 5000, perHost: { concurrency: 4, rps: 20 } }',
        // The site is on 127.0.0.1 and the ingested page is nobody's source: allowed here only.
        'security: { allowPrivateNetworks: true }',
        'sources:',
        `  - { id: world-rss, kind: feed, url: "${site.base}/rss.xml", every: 1h }`,
      ],
    });
    ({ service } = await workdir.start(60_000));
    await waitFor('the three listed articles processed', async () => (await api('/v1/articles?status=processed&limit=100')).body.articles.length === 3, 60_000, 500);

    // A fresh profile; the flags keep Chromium from calling Google on its own (we run as root).
    profile = mkdtempSync(join(tmpdir(), 'chronicle-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1024, height: 900 },
    });
    context.on('request', (request) => requests.push(request.url()));
    const watch = (each: Page) => {
      each.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      each.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    page = context.pages()[0] ?? (await context.newPage());
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await stopService(service);
    await site?.close();
    await redis?.stop();
    workdir?.remove();
  });

  it('signs in once with the token: an HttpOnly, SameSite=Strict cookie, then the events on a clean URL', async () => {
    const first = await page.goto(`${workdir.apiBase}/`);
    expect(first?.status()).toBe(401);
    await page.getByLabel('API token').fill(TEST_TOKEN);
    await Promise.all([page.waitForURL(`${workdir.apiBase}/`), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(page.url()).not.toContain('token');

    const [cookie] = await context.cookies(workdir.apiBase);
    expect(cookie).toMatchObject({ name: 'chronicle_session', httpOnly: true, sameSite: 'Strict' });
    expect(cookie.value).not.toContain(TEST_TOKEN);
    // No script can read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');

    const all = await apiEvents();
    expect(all.length).toBeGreaterThan(0);
    expect(await shownIds()).toEqual(all.map((event) => event.id));
    await expect.poll(() => page.locator('article.event .sources a').first().textContent()).toContain(' — ');
  });

  it('searches by words: the page shows what /v1/events?q= finds, newest first', async () => {
    await page.getByLabel('Search events').fill('Geneva talks');
    await Promise.all([page.waitForURL(/\?q=Geneva\+talks/), page.getByRole('button', { name: 'Show' }).click()]);
    const found = await apiEvents(`&order=date&q=${encodeURIComponent('Geneva talks')}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan((await apiEvents()).length);
    expect(await shownIds()).toEqual(found.map((event) => event.id));
    expect(await page.locator('article.event .summary').allTextContents()).toEqual(found.map((event) => event.summary));
    // The box keeps the words.
    expect(await page.getByLabel('Search events').inputValue()).toBe('Geneva talks');
  });

  it('filters by modality, date range and new developments only, from the form', async () => {
    const all = await apiEvents();
    await page.goto(`${workdir.apiBase}/`);

    const modality = all[0].modality;
    await page.getByLabel('Modality').selectOption(modality);
    await Promise.all([page.waitForURL(/modality=/), page.getByRole('button', { name: 'Show' }).click()]);
    expect(await shownIds()).toEqual(all.filter((event) => event.modality === modality).map((event) => event.id));
    expect(new Set(await page.locator('article.event .modality').allTextContents())).toEqual(new Set([modality]));

    // A range holding only the newest event's day, from the date inputs.
    const day = all.find((event) => /^\d{4}-\d{2}-\d{2}$/.test(event.date))!.date;
    await page.goto(`${workdir.apiBase}/`);
    await page.getByLabel('from').fill(day);
    await page.getByLabel('to').fill(day);
    await Promise.all([page.waitForURL(/since=/), page.getByRole('button', { name: 'Show' }).click()]);
    const inRange = await apiEvents(`&since=${day}&until=${day}`);
    expect(inRange.length).toBeGreaterThan(0);
    expect(inRange.length).toBeLessThan(all.length);
    expect(await shownIds()).toEqual(inRange.map((event) => event.id));

    // New developments only hides background history (events dated long before their reports).
    await page.goto(`${workdir.apiBase}/`);
    await page.getByLabel('new developments only').check();
    await Promise.all([page.waitForURL(/new=1/), page.getByRole('button', { name: 'Show' }).click()]);
    const fresh = await shownIds();
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.length).toBeLessThan(all.length);
    expect(all.map((event) => event.id).filter((id) => fresh.includes(id))).toEqual(fresh);

    await page.getByRole('link', { name: 'clear' }).click();
    await page.waitForURL(`${workdir.apiBase}/`);
    expect(await shownIds()).toEqual(all.map((event) => event.id));
  });

  it('shows a new event at the top without a reload when an article arrives', async () => {
    await page.goto(`${workdir.apiBase}/?live=${LIVE_SECONDS}`);
    const before = await shownIds();
    // A reload would lose this.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });

    const { status, body } = await api('/v1/ingest', { method: 'POST', body: JSON.stringify({ url: `${site.base}${pages[3].path}` }) });
    expect(status).toBe(202);
    const job = await waitFor('the ingest job to complete', async () => {
      const { body: state } = await api(`/v1/ingest/${body.jobId}`);
      return state.state === 'completed' ? state : null;
    }, 60_000, 300);
    const arrived: string[] = job.result.urls[0].events.map((event: { id: string }) => event.id).filter((id: string) => !before.includes(id));
    expect(arrived.length).toBeGreaterThan(0);

    // The page's own poll (every LIVE_SECONDS) puts them in; generous bound for a busy machine.
    await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`article.event[data-id="${id}"]`)), arrived, { timeout: 30_000 });
    expect(await page.locator('#live').isVisible()).toBe(true);
    expect(await page.locator('#live').textContent()).toMatch(new RegExp(`^${arrived.length} new events? since this page opened$`));
    // New ones on top, the old ones still there, and the same document.
    const after = await shownIds();
    expect(after.slice(0, arrived.length).sort()).toEqual([...arrived].sort());
    expect(after.slice(arrived.length)).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(navigations).toBe(0);

    // The README's picture: the page just after the live update, its notice showing.
    const file = join(ARTIFACTS, 'timeline.png');
    await page.screenshot({ path: file });
    if (process.env.UPDATE_SCREENSHOT === '1') await page.screenshot({ path: join(REPO_ROOT, 'docs', 'timeline.png') });
    console.info(`timeline-browser: screenshot at ${file}`);
  }, 120_000);

  it('filters by source: the ingested page, which no source lists, is left out', async () => {
    const all = await apiEvents();
    await page.goto(`${workdir.apiBase}/`);
    await page.getByLabel('Source').selectOption('world-rss');
    await Promise.all([page.waitForURL(/source=world-rss/), page.getByRole('button', { name: 'Show' }).click()]);
    const fromSource = await apiEvents('&source=world-rss');
    expect(fromSource.length).toBeGreaterThan(0);
    expect(fromSource.length).toBeLessThan(all.length);
    expect(await shownIds()).toEqual(fromSource.map((event) => event.id));
  });

  it("lists the stories and opens one story's timeline from the list: its title, then only its events", async () => {
    await page.goto(`${workdir.apiBase}/`);
    const { body } = await workdir.api('/v1/stories?limit=10');
    const stories = body.stories as { id: string; title: string }[];
    expect(stories.length).toBeGreaterThan(0);
    expect(await page.locator('section.stories li a').allTextContents()).toEqual(stories.map((story) => story.title));
    const [story] = stories;
    await Promise.all([page.waitForURL(new RegExp(`\\?story=${story.id}$`)), page.locator('section.stories li a').first().click()]);
    expect(await page.locator('.story-title').textContent()).toBe(story.title);
    const ofStory = await apiEvents(`&story=${story.id}`);
    expect(ofStory.length).toBeGreaterThan(0);
    expect(await shownIds()).toEqual(ofStory.map((event) => event.id));
  });

  it('fits a phone (390 px wide) without scrolling sideways', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${workdir.apiBase}/`);
    expect(await phone.locator('article.event').count()).toBeGreaterThan(0);
    const widths = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    expect(widths.view).toBe(390);
    expect(widths.scroll).toBeLessThanOrEqual(widths.view);
    await phone.screenshot({ path: join(ARTIFACTS, 'timeline-phone.png') });
    await phone.close();
  });

  it('made no request to another origin, and no script or console error, on any page', () => {
    expect(requests.length).toBeGreaterThan(0);
    const origins = new Set(requests.map((url) => new URL(url).origin));
    expect([...origins]).toEqual([workdir.apiBase]);
    expect(requests.some((url) => new URL(url).pathname === '/timeline.js')).toBe(true);
    expect(requests.some((url) => new URL(url).pathname === '/timeline/new')).toBe(true);
    // The sign-in page's 401 is a console error in Chromium ("Failed to load resource"); nothing else.
    expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
  });
});
