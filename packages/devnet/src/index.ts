import {
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  custom,
  defineChain,
  type Hex,
  http,
  type PublicClient,
  parseAbi,
  parseEther,
  type TestClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from 'viem/accounts'
import { type AnvilProcess, startAnvil } from './anvil.js'
import { createContext, type DevnetContext } from './context.js'
import {
  type DevnetEigenLayer,
  EIGENLAYER_STATE_HELP,
  eigenlayerStatePath,
  hasEigenLayerState,
  readEigenLayerAddresses,
} from './eigenlayer.js'
import { type DevnetEtherFi, deployEtherFi } from './etherfi.js'
import { type DevnetKarak, deployKarak } from './karak.js'
import { type DevnetKelp, deployKelp } from './kelp.js'
import { type DevnetPuffer, deployPuffer } from './puffer.js'
import { type DevnetRenzo, deployRenzo } from './renzo.js'
import { artifact } from './solidity.js'
import { type DevnetSwell, deploySwell } from './swell.js'
import { type DevnetSymbiotic, deploySymbiotic } from './symbiotic.js'
import { type DevnetSymbioticRewards, deploySymbioticRewards } from './symbiotic-rewards.js'

export { type AnvilOptions, type AnvilProcess, anvilBinary, runningAnvils, startAnvil } from './anvil.js'
export type { DevnetContext } from './context.js'
export {
  type DevnetEigenLayer,
  EIGENLAYER_STATE_HELP,
  eigenlayerStatePath,
  hasEigenLayerState,
  haveEigenLayer,
} from './eigenlayer.js'
export { type Artifact, artifact, compileContracts } from './solidity.js'

/** Anvil's well-known test mnemonic (its default accounts). */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk'

/** Canonical Multicall3 address; the devnet places an `aggregate3` contract there. */
export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11' as const

export type DevnetDeployments = {
  chainId: number
  /**
   * The loaded EigenLayer state's deployment (from its `addresses.json`): hand it to the SDK, e.g.
   * `restakingActions({ eigenlayer: devnet.deployments.eigenlayer })`. Absent when no EigenLayer
   * state was found (see `EIGENLAYER_STATE_HELP`) or on a fork.
   */
  eigenlayer?: DevnetEigenLayer
  symbiotic?: DevnetSymbiotic
  /** Symbiotic staker and operator rewards from npm `@symbioticfi/rewards` (with `symbioticRewards: true`). */
  symbioticRewards?: DevnetSymbioticRewards
  karak?: DevnetKarak
  /** The Kelp rsETH doubles (with `kelp: true`), restaking into the real EigenLayer. */
  kelp?: DevnetKelp
  /** The Renzo ezETH doubles (with `renzo: true`), restaking into the real EigenLayer. */
  renzo?: DevnetRenzo
  /** The ether.fi eETH / weETH doubles (with `etherfi: true`), restaking a stand-in into the real EigenLayer. */
  etherfi?: DevnetEtherFi
  /** The Puffer pufETH doubles (with `puffer: true`), restaking a stand-in into the real EigenLayer. */
  puffer?: DevnetPuffer
  /** The Swell rswETH doubles (with `swell: true`), restaking a stand-in into the real EigenLayer. */
  swell?: DevnetSwell
  /** Mintable test tokens deployed by the devnet. */
  tokens: { weth: Address; steth: Address; usdc: Address }
  multicall3: Address
}

export type StartDevnetOptions = {
  /**
   * Path of the EigenLayer anvil state (an `addresses.json` beside it); default
   * `RESTAKEKIT_EIGENLAYER_STATE`, else the shared v1.2 fixture (`../shared/fixtures/eigenlayer/`).
   * The v1.3.0 state is `../shared/fixtures/eigenlayer-v1.3.0/anvil-state.json`.
   */
  eigenlayerState?: string
  /** Require EigenLayer: throw if its state is missing. Default: true under `CI=true`. */
  requireEigenLayer?: boolean
  /** Fork this RPC instead of loading local state; default `RESTAKEKIT_FORK_URL`. */
  forkUrl?: string
  forkBlockNumber?: bigint
  /** Deploy Symbiotic core (default true). */
  symbiotic?: boolean
  /**
   * Deploy the Symbiotic rewards contracts of npm `@symbioticfi/rewards` (default false; needs Symbiotic):
   * staker and operator rewards, a vault with its staker rewards, one operator-rewards clone.
   */
  symbioticRewards?: boolean
  /** Deploy the Karak test doubles (default true). */
  karak?: boolean
  /** Deploy the Kelp rsETH test doubles on the EigenLayer state (default false; needs EigenLayer). */
  kelp?: boolean
  /** Deploy the Renzo ezETH test doubles on the EigenLayer state (default false; needs EigenLayer). */
  renzo?: boolean
  /** Deploy the ether.fi eETH / weETH test doubles on the EigenLayer state (default false; needs EigenLayer). */
  etherfi?: boolean
  /** Deploy the Puffer pufETH test doubles on the EigenLayer state (default false; needs EigenLayer). */
  puffer?: boolean
  /** Deploy the Swell rswETH test doubles on the EigenLayer state (default false; needs EigenLayer). */
  swell?: boolean
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number
}

export type FundOptions = {
  /** ETH to add to the balance, in wei. */
  eth?: bigint
  /** Tokens to give, by token address, in base units. */
  tokens?: Readonly<Record<Address, bigint>>
}

/**
 * The deployments a devnet started with these options has, typed: Symbiotic and Karak are there
 * unless turned off (`symbiotic: false`, `karak: false`); EigenLayer is there for certain only with
 * `requireEigenLayer: true` (else it depends on the state file being found).
 */
export type DevnetDeploymentsOf<options extends StartDevnetOptions> = DevnetDeployments &
  (options extends { symbiotic: false } ? unknown : { symbiotic: DevnetSymbiotic }) &
  (options extends { karak: false } ? unknown : { karak: DevnetKarak }) &
  (options extends { kelp: true } ? { kelp: DevnetKelp } : unknown) &
  (options extends { symbioticRewards: true } ? { symbioticRewards: DevnetSymbioticRewards } : unknown) &
  (options extends { renzo: true } ? { renzo: DevnetRenzo } : unknown) &
  (options extends { etherfi: true } ? { etherfi: DevnetEtherFi } : unknown) &
  (options extends { puffer: true } ? { puffer: DevnetPuffer } : unknown) &
  (options extends { swell: true } ? { swell: DevnetSwell } : unknown) &
  (options extends { requireEigenLayer: true } ? { eigenlayer: DevnetEigenLayer } : unknown)

export type Devnet<deployments extends DevnetDeployments = DevnetDeployments> = {
  rpcUrl: string
  chain: Chain
  publicClient: PublicClient<Transport, Chain>
  testClient: TestClient<'anvil', Transport, Chain>
  /**
   * A wallet client for an account: a viem Account, a private key, or an address, which the devnet
   * impersonates (`anvil_impersonateAccount`, before its first transaction), so it can send.
   */
  walletClient: (account: Account | Hex | Address) => WalletClient<Transport, Chain, Account>
  /** Anvil's ten default accounts (with private keys). Accounts 0 and 1 hold fixture positions. */
  accounts: readonly (Account & { privateKey: Hex })[]
  deployments: deployments
  /** A fresh account with a random key, given `eth` (default 100 ETH). */
  newAccount: (fund?: FundOptions) => Promise<Account & { privateKey: Hex }>
  fund: (account: Address, options: FundOptions) => Promise<void>
  snapshot: () => Promise<Hex>
  revert: (id: Hex) => Promise<void>
  mine: (blocks?: number) => Promise<void>
  /** Moves time forward by `seconds` and mines a block. */
  increaseTime: (seconds: number | bigint) => Promise<void>
  /** Deployment helpers shared with the protocol deployers. */
  context: DevnetContext
  stop: () => Promise<void>
}

const mintAbi = parseAbi(['function mint(address to, uint256 amount)'])
const transferAbi = parseAbi(['function transfer(address to, uint256 amount) returns (bool)'])

/** True if the runtime code pushes the `mint(address,uint256)` selector (an open-mint test token). */
function hasMint(code: Hex | undefined): boolean {
  return !!code && code.toLowerCase().includes('6340c10f19')
}

/**
 * Starts a local restaking chain: anvil with a real EigenLayer state (v1.2 by default), the real
 * Symbiotic core, the Karak doubles, test tokens and a Multicall3 at its canonical address.
 */
export async function startDevnet<const options extends StartDevnetOptions = Record<never, never>>(
  options: options = {} as options,
): Promise<Devnet<DevnetDeploymentsOf<options>>> {
  const forkUrl = options.forkUrl ?? process.env.RESTAKEKIT_FORK_URL
  const statePath = eigenlayerStatePath(options.eigenlayerState)
  const requireEigenLayer = options.requireEigenLayer ?? process.env.CI === 'true'
  const withEigenLayer = !forkUrl && hasEigenLayerState(options.eigenlayerState)
  if (!forkUrl && !withEigenLayer && requireEigenLayer) throw new Error(EIGENLAYER_STATE_HELP)

  const anvil: AnvilProcess = await startAnvil({
    loadState: withEigenLayer ? statePath : undefined,
    forkUrl,
    forkBlockNumber: options.forkBlockNumber,
    port: options.port,
  })
  try {
    // long timeout: anvil_mine of the v1.3.0 state's 900-block delays takes seconds on a busy machine
    const transport = http(anvil.rpcUrl, { retryCount: 0, timeout: 60_000 })
    const probe = createPublicClient({ transport })
    const chainId = await probe.getChainId()
    const chain = defineChain({
      id: chainId,
      name: 'restakekit devnet',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [anvil.rpcUrl] } },
      contracts: { multicall3: { address: MULTICALL3_ADDRESS } },
      testnet: true,
    })
    const publicClient = createPublicClient({ chain, transport, cacheTime: 0, pollingInterval: 50 })
    const testClient = createTestClient({ chain, transport, mode: 'anvil' })
    const accounts = Array.from({ length: 10 }, (_, i) => {
      const acc = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i })
      const key = acc.getHdKey().privateKey
      if (!key) throw new Error('no key')
      const privateKey = `0x${Buffer.from(key).toString('hex')}` as Hex
      return Object.assign(privateKeyToAccount(privateKey), { privateKey })
    })
    const walletClient = (account: Account | Hex | Address) => {
      const acc: Account | Address =
        typeof account === 'string'
          ? account.length === 66
            ? privateKeyToAccount(account as Hex)
            : account
          : account
      // an address without a key sends through the node: impersonate it before its first transaction
      const impersonated = new Set<string>()
      const send =
        typeof acc === 'string'
          ? custom({
              request: async (args: { method: string; params?: unknown }) => {
                if (args.method === 'eth_sendTransaction' && !impersonated.has(acc.toLowerCase())) {
                  await testClient.impersonateAccount({ address: acc })
                  impersonated.add(acc.toLowerCase())
                }
                return publicClient.request(args as never)
              },
            })
          : transport
      return createWalletClient({
        chain,
        transport: send,
        account: acc,
        pollingInterval: 50,
      }) as WalletClient<Transport, Chain, Account>
    }
    // The deployer is anvil's account 9 (untouched by the fixture's tests).
    const deployerAccount = accounts[9]!
    const context = createContext(chain, publicClient, testClient, walletClient(deployerAccount))

    // Multicall3 at its canonical address, so viem's multicall works as on a public chain.
    if (!(await publicClient.getCode({ address: MULTICALL3_ADDRESS }))) {
      await testClient.setCode({
        address: MULTICALL3_ADDRESS,
        bytecode: artifact('Multicall').deployedBytecode,
      })
    }

    const token = (name: string, symbol: string, decimals: number) =>
      context.deployArtifact('TestERC20', [name, symbol, decimals])
    const tokens = {
      weth: await token('Devnet Wrapped Ether', 'WETH', 18),
      steth: await token('Devnet Staked Ether', 'stETH', 18),
      usdc: await token('Devnet USD Coin', 'USDC', 6),
    }
    const eigenlayer = withEigenLayer ? readEigenLayerAddresses(statePath) : undefined
    if (eigenlayer && eigenlayer.chainId !== chainId)
      throw new Error(
        `${statePath}: addresses.json is for chain ${eigenlayer.chainId}, the node is ${chainId}`,
      )
    const symbiotic = options.symbiotic === false ? undefined : await deploySymbiotic(context)
    if (options.symbioticRewards && !symbiotic) throw new Error('symbioticRewards: true needs symbiotic')
    const symbioticRewards =
      options.symbioticRewards && symbiotic
        ? await deploySymbioticRewards(context, symbiotic, { collateral: tokens.weth })
        : undefined
    const karak =
      options.karak === false
        ? undefined
        : await deployKarak(context, { weth: tokens.weth, steth: tokens.steth })
    if (options.kelp && !eigenlayer) throw new Error(`kelp: true needs EigenLayer. ${EIGENLAYER_STATE_HELP}`)
    const kelp = options.kelp && eigenlayer ? await deployKelp(context, eigenlayer) : undefined
    if (options.renzo && !eigenlayer)
      throw new Error(`renzo: true needs EigenLayer. ${EIGENLAYER_STATE_HELP}`)
    const renzo = options.renzo && eigenlayer ? await deployRenzo(context, eigenlayer) : undefined
    if (options.etherfi && !eigenlayer)
      throw new Error(`etherfi: true needs EigenLayer. ${EIGENLAYER_STATE_HELP}`)
    const etherfi = options.etherfi && eigenlayer ? await deployEtherFi(context, eigenlayer) : undefined
    if (options.puffer && !eigenlayer)
      throw new Error(`puffer: true needs EigenLayer. ${EIGENLAYER_STATE_HELP}`)
    const puffer = options.puffer && eigenlayer ? await deployPuffer(context, eigenlayer) : undefined
    if (options.swell && !eigenlayer)
      throw new Error(`swell: true needs EigenLayer. ${EIGENLAYER_STATE_HELP}`)
    const swell = options.swell && eigenlayer ? await deploySwell(context, eigenlayer) : undefined
    const deployments: DevnetDeployments = {
      chainId,
      ...(kelp ? { kelp } : {}),
      ...(renzo ? { renzo } : {}),
      ...(etherfi ? { etherfi } : {}),
      ...(puffer ? { puffer } : {}),
      ...(swell ? { swell } : {}),
      ...(eigenlayer ? { eigenlayer } : {}),
      ...(symbiotic ? { symbiotic } : {}),
      ...(symbioticRewards ? { symbioticRewards } : {}),
      ...(karak ? { karak } : {}),
      tokens,
      multicall3: MULTICALL3_ADDRESS,
    }
    // the devnet's test tokens (and the v1.2 state's mock token) have an open `mint`; a state token
    // without one (the v1.3.0 state's TestToken) is transferred from its holder, anvil account 0
    const mintable = new Set(Object.values(tokens).map((t) => t.toLowerCase()))
    const transferable = new Map<string, Address>()
    if (eigenlayer) {
      const code = await publicClient.getCode({ address: eigenlayer.fixture.token })
      if (hasMint(code)) mintable.add(eigenlayer.fixture.token.toLowerCase())
      else transferable.set(eigenlayer.fixture.token.toLowerCase(), eigenlayer.fixture.tokenHolder)
    }

    const fund = async (account: Address, { eth, tokens: give }: FundOptions) => {
      if (eth !== undefined && eth > 0n) {
        const balance = await publicClient.getBalance({ address: account })
        await testClient.setBalance({ address: account, value: balance + eth })
      }
      for (const [tokenAddress, amount] of Object.entries(give ?? {}) as [Address, bigint][]) {
        if (amount <= 0n) continue
        if (mintable.has(tokenAddress.toLowerCase())) {
          await context.write({
            address: tokenAddress,
            abi: mintAbi,
            functionName: 'mint',
            args: [account, amount],
          })
        } else if (transferable.has(tokenAddress.toLowerCase())) {
          await context.write({
            address: tokenAddress,
            abi: transferAbi,
            functionName: 'transfer',
            args: [account, amount],
            from: transferable.get(tokenAddress.toLowerCase())!,
          })
        } else {
          throw new Error(
            `devnet cannot fund token ${tokenAddress}: not a devnet test token nor the EigenLayer fixture token`,
          )
        }
      }
    }

    const devnet: Devnet = {
      rpcUrl: anvil.rpcUrl,
      chain,
      publicClient,
      testClient,
      walletClient,
      accounts,
      deployments,
      newAccount: async (opts = {}) => {
        const privateKey = generatePrivateKey()
        const account = Object.assign(privateKeyToAccount(privateKey), { privateKey })
        await fund(account.address, {
          eth: opts.eth ?? parseEther('100'),
          ...(opts.tokens ? { tokens: opts.tokens } : {}),
        })
        return account
      },
      fund,
      snapshot: () => testClient.snapshot(),
      revert: (id) => testClient.revert({ id }),
      mine: (blocks = 1) => testClient.mine({ blocks }),
      increaseTime: async (seconds) => {
        await testClient.increaseTime({ seconds: Number(seconds) })
        await testClient.mine({ blocks: 1 })
      },
      context,
      stop: anvil.stop,
    }
    // the deployments match the options: Symbiotic and Karak unless turned off, EigenLayer when required
    return devnet as Devnet<DevnetDeploymentsOf<options>>
  } catch (error) {
    await anvil.stop()
    throw error
  }
}
export * from './etherfi.js'
export * from './karak.js'
export * from './kelp.js'
export * from './puffer.js'
export * from './renzo.js'
export * from './swell.js'
export * from './symbiotic.js'
export * from './symbiotic-rewards.js'
