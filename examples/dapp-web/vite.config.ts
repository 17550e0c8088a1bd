import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const pkg = fileURLToPath(new URL('../../packages/', import.meta.url))

// The page builds against the workspace sources (no `pnpm build` needed first).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@restakekit\/(core|risk)$/, replacement: `${pkg}$1/src/index.ts` },
      { find: /^@restakekit\/(core|risk)\/(.+)$/, replacement: `${pkg}$1/src/$2.ts` },
    ],
  },
  // no minification: the browser test builds the page on every run, on two busy cores
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000, minify: false, cssMinify: false },
  logLevel: 'warn',
})
