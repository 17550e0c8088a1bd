// @restakekit/cli: the `restakekit` command, also callable from code (`main(argv, io, env)`).
export { type CliEnv, connect, loadDeployments } from './context.js'
export { CliInputError, CliUsageError } from './errors.js'
export { type FinishCall, prepareFinish } from './finish.js'
export { decryptKeystore, type KeystoreV3 } from './keystore.js'
export { type Io, main, USAGE } from './main.js'
export { loadState, type TickReport, tick, type WatchItem, type WatchState } from './watch.js'
