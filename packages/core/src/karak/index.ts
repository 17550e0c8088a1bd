export { karakActions, type KarakActions } from './decorator.js'
