// What `@restakekit/avs`'s root re-exports of the Symbiotic side: its typed errors and ABIs (names
// that cannot clash). The actions (`optIn`, `slash`, …) are reached as `@restakekit/avs/symbiotic`,
// as core keeps Symbiotic's and Karak's verbs out of its root.
export * from './abis.js'
export * from './errors.js'
