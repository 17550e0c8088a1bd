// The `@restakekit/lrt/renzo` subpath: Renzo ezETH's actions under their glossary names.
export * from './renzo/index.js'
