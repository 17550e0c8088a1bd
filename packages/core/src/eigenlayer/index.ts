export { type EigenLayerActions, eigenlayerActions } from './decorator.js'
