// The `@restakekit/lrt/etherfi` subpath: ether.fi eETH / weETH actions under their glossary names.
export * from './etherfi/index.js'
