// The Symbiotic network, operator and curator side on its own entry: `@restakekit/avs/symbiotic`.
export * from './symbiotic/index.js'
