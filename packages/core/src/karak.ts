export * from './karak/index.js'
