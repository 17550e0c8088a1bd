import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  getAddress,
  type Hex,
  type PublicClient,
  type TestClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { artifact } from './solidity.js'

/** What a protocol deployer gets: clients on the devnet and a deployer account with ETH. */
export type DevnetContext = {
  chain: Chain
  publicClient: PublicClient<Transport, Chain>
  testClient: TestClient<'anvil', Transport, Chain>
  deployer: WalletClient<Transport, Chain, Account>
  /** Deploys creation bytecode (with constructor args) from the deployer and waits for it. */
  deploy: (contract: { abi: Abi; bytecode: Hex }, args?: readonly unknown[]) => Promise<Address>
  /** Deploys one of this package's compiled test contracts (`contracts/*.sol`) by name. */
  deployArtifact: (name: string, args?: readonly unknown[]) => Promise<Address>
  /** Sends a contract write from `from` (impersonated if it is not the deployer) and waits for success. */
  write: (params: {
    address: Address
    abi: Abi
    functionName: string
    args?: readonly unknown[]
    from?: Address
    value?: bigint
  }) => Promise<Hex>
}

export function createContext(
  chain: Chain,
  publicClient: PublicClient<Transport, Chain>,
  testClient: TestClient<'anvil', Transport, Chain>,
  deployer: WalletClient<Transport, Chain, Account>,
): DevnetContext {
  // The deployer sends one transaction at a time: parallel callers (tests funding several
  // accounts at once) would otherwise pick the same nonce.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn)
    queue = run.catch(() => undefined)
    return run
  }
  const deployNow: DevnetContext['deploy'] = async (contract, args = []) => {
    const hash = await deployer.deployContract({ abi: contract.abi, bytecode: contract.bytecode, args })
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 })
    if (receipt.status !== 'success' || !receipt.contractAddress)
      throw new Error(`deployment failed: ${hash}`)
    return getAddress(receipt.contractAddress)
  }
  const deploy: DevnetContext['deploy'] = (contract, args) => serial(() => deployNow(contract, args))
  const writeNow: DevnetContext['write'] = async ({ address, abi, functionName, args = [], from, value }) => {
    let hash: Hex
    if (!from || from.toLowerCase() === deployer.account.address.toLowerCase()) {
      hash = await deployer.writeContract({
        address,
        abi,
        functionName,
        args,
        ...(value === undefined ? {} : { value }),
      } as never)
    } else {
      await testClient.impersonateAccount({ address: from })
      try {
        hash = await deployer.writeContract({
          account: from,
          address,
          abi,
          functionName,
          args,
          ...(value === undefined ? {} : { value }),
        } as never)
      } finally {
        await testClient.stopImpersonatingAccount({ address: from })
      }
    }
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 })
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted: ${hash}`)
    return hash
  }
  const write: DevnetContext['write'] = (params) => serial(() => writeNow(params))
  return {
    chain,
    publicClient,
    testClient,
    deployer,
    deploy,
    deployArtifact: (name, args) => deploy(artifact(name), args),
    write,
  }
}
