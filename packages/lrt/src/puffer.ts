// The `@restakekit/lrt/puffer` subpath: Puffer pufETH's actions under their glossary names.
export * from './puffer/index.js'
