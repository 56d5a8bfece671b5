// Bundles our own code (src/, jobs/, workers/) into dist/; every package stays external so that
// PGlite finds its wasm and BullMQ its Lua scripts where npm put them.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

await build({
  // The process stage's worker threads load their own entry, found beside cli.js at run time.
  entryPoints: { cli: 'src/cli.ts', 'analysis-thread': 'src/runtime/analysis-thread.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // Commands load their stage on demand: `chronicle --help` should not load the whole service.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);
