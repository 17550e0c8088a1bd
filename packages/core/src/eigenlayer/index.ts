export { eigenlayerActions, type EigenLayerActions } from './decorator.js'
