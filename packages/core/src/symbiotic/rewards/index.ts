// Symbiotic rewards (npm `@symbioticfi/rewards@2.0.0`): staker rewards (`DefaultStakerRewards`) and
// operator rewards (`DefaultOperatorRewards`, OpenZeppelin Merkle leaves with sorted pairs).
export * from './abis.js'
export * from './errors.js'
export * from './merkle.js'
export * from './operator.js'
export * from './portfolio.js'
export * from './staker.js'
