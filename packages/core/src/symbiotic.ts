export * from './symbiotic/index.js'
