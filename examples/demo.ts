// restakekit demo: starts the local restaking chain and walks staker flows through the SDK.
import { startDevnet } from '@restakekit/devnet'

const devnet = await startDevnet()
console.log(`devnet up at ${devnet.rpcUrl} (chain ${devnet.chain.id})`)
console.log(JSON.stringify(devnet.deployments, null, 2))
await devnet.stop()
