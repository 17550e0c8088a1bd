// The EigenLayer operator and AVS side on its own entry: `@restakekit/avs/eigenlayer`.
export * from './eigenlayer/index.js'
