export * from './eigenlayer/index.js'
export * from './symbiotic/root.js'
