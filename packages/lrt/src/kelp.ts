// The `@restakekit/lrt/kelp` subpath: Kelp rsETH's actions under their glossary names.
export * from './kelp/index.js'
