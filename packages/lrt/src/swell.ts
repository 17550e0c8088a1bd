// The `@restakekit/lrt/swell` subpath: Swell rswETH's actions under their glossary names.
export * from './swell/index.js'
