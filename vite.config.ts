import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const publicDir = 'src/web/public';

/** Every file of the public directory, as the URL paths the server serves them at. */
function publicFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? publicFiles(path.join(dir, entry.name), `${prefix}/${entry.name}`)
        : [`${prefix}/${entry.name}`],
    );
}

/**
 * Emits `sw.js` (from src/web/pwa/sw.js) with this build's file list to precache and a version
 * derived from their content: a new release changes the worker's bytes, so browsers install it
 * and drop the previous shell cache.
 */
function serviceWorker(): Plugin {
  return {
    name: 'atrium-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      // The entry and what it imports statically are the shell; lazy chunks are precached too
      // (every page works offline) unless large (the PDF viewer), which is cached when used.
      const shell = new Set<string>();
      const visit = (fileName: string) => {
        const item = bundle[fileName];
        if (!item || shell.has(fileName)) return;
        shell.add(fileName);
        if (item.type !== 'chunk') return;
        for (const css of item.viteMetadata?.importedCss ?? []) shell.add(css);
        for (const imported of item.imports) visit(imported);
      };
      for (const item of Object.values(bundle))
        if (item.type === 'chunk' && item.isEntry) visit(item.fileName);
      const hash = createHash('sha256');
      const files: string[] = [];
      for (const [fileName, item] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        if (fileName.endsWith('.map')) continue;
        const content = item.type === 'chunk' ? item.code : item.source;
        hash.update(fileName).update(content);
        if (shell.has(fileName) || fileName === 'index.html' || content.length < 300_000)
          files.push(`/${fileName}`);
      }
      for (const file of publicFiles(publicDir).sort()) {
        files.push(file);
        hash.update(file).update(fs.readFileSync(path.join(publicDir, file)));
      }
      const source = fs
        .readFileSync('src/web/pwa/sw.js', 'utf8')
        .replace("'__ATRIUM_SW_VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
        .replace("['__ATRIUM_SW_PRECACHE__']", JSON.stringify(files));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/**
 * The web app: `index.html` at the repository root, sources in `src/web`, built into
 * `dist/web`, which the server serves (falling back to index.html for client routes).
 */
export default defineConfig({
  plugins: [react(), serviceWorker()],
  publicDir,
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // The server's CSP allows no inline scripts; keep the module preload polyfill out of the HTML.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a separate chunk stays cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|i18next-browser-languagedetector)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', ws: true } },
  },
});
