// Kept so existing imports resolve while the protocols move onto the kit (`./kit/`).
export * from './kit/index.js'
