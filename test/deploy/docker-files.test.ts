import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { REPO_ROOT } from '../support/cli.js';

/**
 * The Docker deployment, checked by reading (no Docker engine is needed): what the image holds,
 * who it runs as, where its config comes from, and that every service reports its health.
 */
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');

describe('Docker deployment files', () => {
  it('.dockerignore keeps the host node_modules, data and .git out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', 'data', '.git', 'dist']) expect(ignored).toContain(entry);
  });

  it('the Dockerfile builds in stages, installs production dependencies only, runs as a non-root user, with a healthcheck', () => {
    const dockerfile = read('Dockerfile');
    const stages = dockerfile.match(/^FROM .+$/gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    // No `COPY . .`: only what the build needs.
    expect(dockerfile).not.toMatch(/^COPY \. \./m);
    expect(dockerfile).toMatch(/npm install --omit=dev/);
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toMatch(/^COPY --from=deps \/app\/node_modules/m);
    expect(final).not.toMatch(/--from=build \/app\/node_modules/);
    expect(final).toMatch(/^USER (?!root)\w+/m);
    expect(final).toMatch(/^HEALTHCHECK /m);
  });

  it('compose: every service has a healthcheck, the config is mounted from the host, the token is required', () => {
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, { healthcheck?: unknown; volumes?: string[]; environment?: Record<string, string>; build?: unknown }> };
    for (const [name, service] of Object.entries(compose.services)) expect(service.healthcheck, name).toBeDefined();
    for (const name of ['chronicle', 'worker']) expect(compose.services[name].volumes).toContain('./config:/app/config:ro');
    expect(compose.services.chronicle.environment?.CHRONICLE_API_TOKEN).toMatch(/^\$\{CHRONICLE_API_TOKEN:\?/);
  });

  it('the config compose starts with is valid and polls nothing until sources are added', () => {
    const config = loadConfig(join(REPO_ROOT, 'config', 'examples', 'scaled.yaml'), { required: true, env: {} });
    expect(config.sources).toEqual([]);
    expect(config.api.host).toBe('0.0.0.0');
  });

  it('config/chronicle.yaml is tracked and not ignored', () => {
    const tracked = execFileSync('git', ['ls-files', 'config/chronicle.yaml'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    expect(tracked).toBe('config/chronicle.yaml');
    let ignored = true;
    try {
      execFileSync('git', ['check-ignore', '-q', 'config/chronicle.yaml'], { cwd: REPO_ROOT });
    } catch {
      ignored = false;
    }
    expect(ignored).toBe(false);
  });

  it('npm install builds dist/ (prepare), and the image build skips it until the sources are there', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; bin: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('node scripts/prepare.mjs');
    expect(pkg.bin.chronicle).toBe('dist/cli.js');
    expect(read('scripts/prepare.mjs')).toContain("import('./build.mjs')");
    for (const line of read('Dockerfile').split('\n').filter((each) => /^RUN npm install/.test(each))) expect(line).toContain('--ignore-scripts');
  });
});
