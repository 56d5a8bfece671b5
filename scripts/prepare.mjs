// `npm install` runs this (the `prepare` script) so that `npx chronicle` works right after it.
// A production install (`npm install --omit=dev`) has no esbuild: it then keeps the dist/ it has
// rather than failing the install. A failing build still fails.
try {
  await import('esbuild');
} catch {
  console.warn('chronicle: esbuild is not installed (a production install?); dist/ is not rebuilt');
  process.exit(0);
}
await import('./build.mjs');
