export * from './eigenlayer/index.js'
