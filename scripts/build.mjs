// Bundles our own code (src/, jobs/, workers/) into dist/; every package stays external so that
// PGlite finds its wasm and BullMQ its Lua scripts where npm put them.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

await build({
  entryPoints: { cli: 'src/cli.ts' },
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
