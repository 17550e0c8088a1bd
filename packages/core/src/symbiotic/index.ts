export { symbioticActions, type SymbioticActions } from './decorator.js'
