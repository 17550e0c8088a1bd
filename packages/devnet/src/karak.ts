import {
  type Address,
  decodeEventLog,
  erc20Abi,
  getAddress,
  getContractAddress,
  type Hex,
  keccak256,
  parseEther,
  toHex,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { DevnetContext } from './context.js'
import { artifact } from './solidity.js'

/**
 * The devnet's Karak operator: a deterministic key, `keccak256("restakekit devnet karak operator")`,
 * funded with 100 ETH at deploy. It owns the `weth` and `steth` vaults. Public knowledge — devnet only.
 */
export const KARAK_DEVNET_OPERATOR_KEY: Hex = keccak256(toHex('restakekit devnet karak operator'))

/**
 * Karak v2 on the devnet: restakekit's Solidity TEST DOUBLES of Karak's Core and Vault
 * (`contracts/KarakCore.sol`, `contracts/KarakVault.sol`), which implement Karak v2's external
 * signatures, events, errors and documented delays/slashing — not Karak's bytecode, which cannot be
 * had offline.
 */
export type DevnetKarak = {
  /** The Core double (same external interface as Karak's Core). */
  core: Address
  /** The vault implementation the Core clones for each vault. */
  vaultImplementation: Address
  /** The slashing handler allowlisted for `weth` and `steth` (slashed assets go to 0x…dEaD). */
  slashingHandler: Address
  /** The operator that owns the vaults, and its private key (see `KARAK_DEVNET_OPERATOR_KEY`). */
  operator: Address
  operatorPrivateKey: Hex
  /** The operator's vault per devnet token (asset = `deployments.tokens.weth` / `.steth`). */
  /** The devnet's vaults (as `KarakDeployment.vaults` takes them). */
  vaults: readonly Address[]
  /** The same vaults by asset. */
  vaultsByAsset: { weth: Address; steth: Address }
}

const deployedVaultEvent = {
  type: 'event',
  name: 'DeployedVault',
  inputs: [
    { name: 'operator', type: 'address', indexed: false },
    { name: 'vault', type: 'address', indexed: false },
    { name: 'asset', type: 'address', indexed: false },
  ],
} as const

/**
 * Deploys the Karak doubles: the vault implementation, a slashing handler, Core (initialized with
 * the deployer as owner, manager and veto committee), allowlists `weth` and `steth`, and has the
 * devnet operator deploy one vault for each.
 */
export async function deployKarak(
  ctx: DevnetContext,
  tokens?: { weth: Address; steth: Address },
): Promise<DevnetKarak | undefined> {
  const assets = tokens ?? (await findDevnetTokens(ctx))
  const coreArtifact = artifact('KarakCore')
  // one sender: deploy in sequence (parallel sends would race for the nonce)
  const vaultImplementation = await ctx.deployArtifact('KarakVault')
  const slashingHandler = await ctx.deployArtifact('KarakSlashingHandler')
  const core = await ctx.deployArtifact('KarakCore')
  const owner = ctx.deployer.account.address
  await ctx.write({
    address: core,
    abi: coreArtifact.abi,
    functionName: 'initialize',
    args: [vaultImplementation, owner, owner, 500_000, 20_000, 50_000],
  })
  await ctx.write({
    address: core,
    abi: coreArtifact.abi,
    functionName: 'allowlistAssets',
    args: [
      [assets.weth, assets.steth],
      [slashingHandler, slashingHandler],
    ],
  })
  const operator = privateKeyToAccount(KARAK_DEVNET_OPERATOR_KEY).address
  const balance = await ctx.publicClient.getBalance({ address: operator })
  await ctx.testClient.setBalance({ address: operator, value: balance + parseEther('100') })
  const hash = await ctx.write({
    address: core,
    abi: coreArtifact.abi,
    functionName: 'deployVaults',
    args: [
      [
        {
          asset: assets.weth,
          decimals: 18,
          operator,
          name: 'Karak Devnet WETH',
          symbol: 'kWETH',
          extraData: '0x',
        },
        {
          asset: assets.steth,
          decimals: 18,
          operator,
          name: 'Karak Devnet stETH',
          symbol: 'kstETH',
          extraData: '0x',
        },
      ],
      '0x0000000000000000000000000000000000000000',
    ],
    from: operator,
  })
  const receipt = await ctx.publicClient.getTransactionReceipt({ hash })
  const byAsset = new Map<string, Address>()
  for (const log of receipt.logs) {
    try {
      const { args } = decodeEventLog({ abi: [deployedVaultEvent], data: log.data, topics: log.topics })
      byAsset.set(args.asset.toLowerCase(), getAddress(args.vault))
    } catch {
      // other events (NewVault, Initialized)
    }
  }
  const weth = byAsset.get(assets.weth.toLowerCase())
  const steth = byAsset.get(assets.steth.toLowerCase())
  if (!weth || !steth) throw new Error(`Karak deployVaults emitted no DeployedVault for weth/steth: ${hash}`)
  return {
    core,
    vaultImplementation,
    slashingHandler,
    operator,
    operatorPrivateKey: KARAK_DEVNET_OPERATOR_KEY,
    vaults: [weth, steth],
    vaultsByAsset: { weth, steth },
  }
}

/**
 * Finds the devnet's `weth` and `steth` test tokens when the caller does not pass them: they are
 * contracts the deployer created (addresses from its nonces), with the symbols `WETH` and `stETH`.
 * One multicall over the deployer's most recent 512 creations.
 */
async function findDevnetTokens(ctx: DevnetContext): Promise<{ weth: Address; steth: Address }> {
  const from = ctx.deployer.account.address
  const nonce = await ctx.publicClient.getTransactionCount({ address: from })
  const candidates = Array.from({ length: Math.min(nonce, 512) }, (_, i) =>
    getContractAddress({ from, nonce: BigInt(nonce - 1 - i) }),
  )
  const symbols = await ctx.publicClient.multicall({
    contracts: candidates.map((address) => ({ address, abi: erc20Abi, functionName: 'symbol' }) as const),
    allowFailure: true,
  })
  const find = (symbol: string) => {
    // the most recent creation with that symbol (candidates run newest first)
    const i = symbols.findIndex((r) => r.status === 'success' && r.result === symbol)
    const found = candidates[i]
    if (i < 0 || !found)
      throw new Error(`deployKarak: no devnet token with symbol ${symbol}; pass the tokens`)
    return found
  }
  return { weth: find('WETH'), steth: find('stETH') }
}
