// EigenLayer rewards claims, pure: distribution → tree, leaf hashing, proofs, claim building.
export * from './distribution.js'
export * from './errors.js'
export * from './merkle.js'
