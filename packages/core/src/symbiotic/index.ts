export { type SymbioticActions, symbioticActions } from './decorator.js'
