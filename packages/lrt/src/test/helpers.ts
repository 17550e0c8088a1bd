// Shared set-up of the LRT adapter chain tests (test-only: `src/**/test/**` is neither packed nor in
// the package's typecheck): the devnet's `useLrtDevnet` (one devnet per file with the chosen doubles)
// plus what a user of the adapters holds: the SDK deployment of each double, and viem clients with
// the restaking decorator and the chosen LRT modules beside the default ones.
import { defaultProtocolModules, type RestakingActions, restakingActions } from '@restakekit/core'
import {
  LRT_PROTOCOLS,
  type LrtDevnet,
  type LrtDevnetEnv,
  type LrtDoubles,
  type LrtProtocol,
  useLrtDevnet,
} from '@restakekit/devnet/test/lrt'
import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from 'viem'
import { type EtherFiDeployment, etherfi } from '../etherfi/index.js'
import { type KelpDeployment, kelp } from '../kelp/index.js'
import { type PufferDeployment, puffer } from '../puffer/index.js'
import { type RenzoDeployment, renzo } from '../renzo/index.js'
import { type SwellDeployment, swell } from '../swell/index.js'

export {
  allocationWriteAbi,
  delegationReadAbi,
  type LrtDevnet,
  type LrtDoubles,
  testAvsAbi,
} from '@restakekit/devnet/test/lrt'

const lrtModules = { etherfi, kelp, puffer, renzo, swell } as const

/** The SDK deployment type of each LRT. */
export type LrtDeployments = {
  etherfi: EtherFiDeployment
  kelp: KelpDeployment
  puffer: PufferDeployment
  renzo: RenzoDeployment
  swell: SwellDeployment
}

/** The protocols of these doubles. */
type Chosen<doubles extends LrtDoubles> = keyof doubles & LrtProtocol

/** The modules a `useLrtEnv` client binds: the default ones and the chosen LRTs'. */
type Modules<doubles extends LrtDoubles> = readonly (
  | (typeof defaultProtocolModules)[number]
  | (typeof lrtModules)[Chosen<doubles>]
)[]

/**
 * The SDK deployment of a devnet double: every contract the devnet deployed, on its chain, and
 * EigenLayer's DelegationManager (where `getBacking` reads the stakers behind the token).
 */
export function lrtDeployment<protocol extends LrtProtocol>(
  devnet: LrtDevnet<{ [p in protocol]: true }>,
  protocol: protocol,
): LrtDeployments[protocol] {
  const chainId = devnet.chain.id
  const d = devnet.deployments as LrtDevnet<{ [p in LrtProtocol]: true }>['deployments']
  const delegationManager = d.eigenlayer.delegationManager
  const of: { [p in LrtProtocol]: () => LrtDeployments[p] } = {
    etherfi: () => ({
      chainId,
      liquidityPool: d.etherfi.liquidityPool,
      eETH: d.etherfi.eETH,
      weETH: d.etherfi.weETH,
      withdrawRequestNFT: d.etherfi.withdrawRequestNFT,
      redemptionManager: d.etherfi.redemptionManager,
      delegationManager,
      backing: { stakers: d.etherfi.nodes, strategies: [d.etherfi.strategy] },
    }),
    kelp: () => ({
      chainId,
      lrtConfig: d.kelp.lrtConfig,
      rsETH: d.kelp.rsETH,
      lrtOracle: d.kelp.lrtOracle,
      lrtDepositPool: d.kelp.lrtDepositPool,
      lrtWithdrawalManager: d.kelp.lrtWithdrawalManager,
      delegationManager,
    }),
    puffer: () => ({
      chainId,
      vault: d.puffer.vault,
      weth: d.puffer.weth,
      withdrawalManager: d.puffer.withdrawalManager,
      modules: d.puffer.modules,
      strategies: [d.puffer.strategy],
      delegationManager,
    }),
    renzo: () => ({
      chainId,
      restakeManager: d.renzo.restakeManager,
      ezETH: d.renzo.ezETH,
      withdrawQueue: d.renzo.withdrawQueue,
      delegationManager,
    }),
    swell: () => ({
      chainId,
      rswETH: d.swell.rswETH,
      rswEXIT: d.swell.rswEXIT,
      modules: d.swell.modules,
      strategies: [d.swell.strategy],
      delegationManager,
    }),
  }
  return of[protocol]()
}

/** Deployments to bind instead of the fixture's (e.g. a narrower form of one). */
type Bound<doubles extends LrtDoubles> = { [p in Chosen<doubles>]?: LrtDeployments[p] }

/** What `useLrtEnv` gives a test file (each member usable from `beforeAll` on). */
export type LrtEnv<doubles extends LrtDoubles> = LrtDevnetEnv<doubles> & {
  /** The SDK deployment of each chosen double (`lrtDeployment`), built once. */
  readonly deployments: { [p in Chosen<doubles>]: LrtDeployments[p] }
  /** A wallet client of `account` with `client.restaking.<protocol>` and `getPortfolio`. */
  client: (
    account: Account | Hex | Address,
    bound?: Bound<doubles>,
  ) => WalletClient<Transport, Chain, Account> & RestakingActions<Modules<doubles>>
  /** The devnet's public client with `restaking.<protocol>` and `getPortfolio`. */
  reader: (bound?: Bound<doubles>) => PublicClient<Transport, Chain> & RestakingActions<Modules<doubles>>
}

/**
 * The shared set-up of an LRT adapter chain test file, in one call inside its `describe`:
 * `useLrtEnv({ kelp: true })` starts one devnet with those doubles for the file (`useLrtDevnet`)
 * and gives its deployments and clients (`LrtEnv`). The clients bind `restakingActions` over the
 * default modules and the chosen LRTs', each with its fixture deployment unless `bound` names another.
 */
export function useLrtEnv<const doubles extends LrtDoubles>(doubles: doubles): LrtEnv<doubles> {
  const t = useLrtDevnet(doubles)
  const chosen = LRT_PROTOCOLS.filter((p) => doubles[p]) as Chosen<doubles>[]
  let deployments: LrtEnv<doubles>['deployments'] | undefined
  const deploymentsOf = () => {
    deployments ??= Object.fromEntries(
      chosen.map((p) => [p, lrtDeployment(t.devnet as LrtDevnet<{ [k in LrtProtocol]: true }>, p)]),
    ) as LrtEnv<doubles>['deployments']
    return deployments
  }
  const decorator = (bound: Bound<doubles>) =>
    restakingActions({
      protocols: [...defaultProtocolModules, ...chosen.map((p) => lrtModules[p])],
      eigenlayer: t.devnet.deployments.eigenlayer,
      ...deploymentsOf(),
      ...bound,
    } as never)
  return {
    get devnet() {
      return t.devnet
    },
    pc: t.pc,
    nonce: t.nonce,
    balanceOf: t.balanceOf,
    get deployments() {
      return deploymentsOf()
    },
    client: (account, bound = {}) => t.devnet.walletClient(account).extend(decorator(bound)) as never,
    reader: (bound = {}) => t.pc().extend(decorator(bound)) as never,
  }
}
