import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/kelp.ts', 'src/renzo.ts', 'src/etherfi.ts', 'src/puffer.ts', 'src/swell.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  shims: true,
})
