export { type KarakActions, karakActions } from './decorator.js'
