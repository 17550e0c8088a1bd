// Shared set-up of the LRT chain tests (test-only: `src/**/test/**` is neither packed nor in the
// package's typecheck). One devnet per test file with the chosen LRT doubles on the real EigenLayer
// state (no Symbiotic, no Karak), stopped after the file. The doubles' raw-call tests use it as is;
// the adapter tests use `useLrtEnv` (packages/lrt/src/test/helpers.ts), which adds the SDK
// deployments and the restaking clients on top of it. Same shape as core's `useEigenLayerEnv`.
import { readFileSync } from 'node:fs'
import {
  type Abi,
  type Address,
  type Chain,
  erc20Abi,
  type PublicClient,
  parseAbi,
  type Transport,
} from 'viem'
import { afterAll, beforeAll } from 'vitest'
import { type Devnet, type DevnetDeploymentsOf, startDevnet } from '../index.js'

/** The LRT doubles the devnet can deploy (`startDevnet({ <protocol>: true })`). */
export const LRT_PROTOCOLS = ['etherfi', 'kelp', 'puffer', 'renzo', 'swell'] as const
export type LrtProtocol = (typeof LRT_PROTOCOLS)[number]

/** Which doubles to deploy: `{ kelp: true }`, `{ etherfi: true, renzo: true }`... */
export type LrtDoubles = { readonly [protocol in LrtProtocol]?: true }

/** The `startDevnet` options of an LRT test devnet: the doubles on the EigenLayer state, nothing else. */
export type LrtDevnetOptions<doubles extends LrtDoubles> = {
  symbiotic: false
  karak: false
  requireEigenLayer: true
} & doubles

/** A devnet with these doubles (their `deployments.<protocol>` and EigenLayer's typed as present). */
export type LrtDevnet<doubles extends LrtDoubles> = Devnet<DevnetDeploymentsOf<LrtDevnetOptions<doubles>>>

/** Starts a devnet with these LRT doubles (EigenLayer required: the doubles restake into it). */
export function startLrtDevnet<const doubles extends LrtDoubles>(
  doubles: doubles,
): Promise<LrtDevnet<doubles>> {
  return startDevnet({ symbiotic: false, karak: false, requireEigenLayer: true, ...doubles } as const)
}

/** What `useLrtDevnet` gives a test file (each member usable from `beforeAll` on). */
export type LrtDevnetEnv<doubles extends LrtDoubles> = {
  readonly devnet: LrtDevnet<doubles>
  pc: () => PublicClient<Transport, Chain>
  /** The account's transaction count (a refused write leaves it unchanged). */
  nonce: (who: Address) => Promise<number>
  /** An ERC-20 balance. */
  balanceOf: (token: Address, who: Address) => Promise<bigint>
}

/**
 * The shared set-up of an LRT chain test file, in one call inside its `describe`: one devnet with
 * these doubles for the file (started in `beforeAll`, stopped in `afterAll`).
 */
export function useLrtDevnet<const doubles extends LrtDoubles>(doubles: doubles): LrtDevnetEnv<doubles> {
  let devnet: LrtDevnet<doubles> | undefined
  beforeAll(async () => {
    devnet = await startLrtDevnet(doubles)
  })
  afterAll(() => devnet?.stop())
  const started = (): LrtDevnet<doubles> => {
    if (!devnet) throw new Error('useLrtDevnet: the devnet is started in beforeAll')
    return devnet
  }
  const pc = () => started().publicClient
  return {
    get devnet() {
      return started()
    },
    pc,
    nonce: (who) => pc().getTransactionCount({ address: who }),
    balanceOf: (token, who) =>
      pc().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] }),
  }
}

/** EigenLayer's DelegationManager reads the LRT tests compare `getBacking` with. */
export const delegationReadAbi = /* @__PURE__ */ parseAbi([
  'function delegatedTo(address staker) view returns (address)',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
])

/** The AllocationManager writes an operator sends to be slashable by the test AVS. */
export const allocationWriteAbi = /* @__PURE__ */ parseAbi([
  'struct OperatorSet { address avs; uint32 id; }',
  'struct AllocateParams { OperatorSet operatorSet; address[] strategies; uint64[] newMagnitudes; }',
  'struct RegisterParams { address avs; uint32[] operatorSetIds; bytes data; }',
  'function registerForOperatorSets(address operator, RegisterParams params)',
  'function modifyAllocations(address operator, AllocateParams[] params)',
])

/** The devnet's test AVS (`EigenLayerTestAvs`): sets up an operator set, slashes. */
export const testAvsAbi = /* @__PURE__ */ parseAbi([
  'function setup(string metadataURI, uint32 operatorSetId, address[] strategies)',
  'function slash(address operator, uint32 operatorSetId, address[] strategies, uint256[] wadsToSlash, string description)',
])

/** A reference ABI of an LRT (`../shared/reference/abi/lrt/<protocol>/<name>.json`, read in place). */
export function referenceAbi(protocol: LrtProtocol, name: string): Abi {
  const url = new URL(`../../../../../shared/reference/abi/lrt/${protocol}/${name}.json`, import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as Abi
}

type Param = { type: string; indexed?: boolean; components?: readonly Param[] }
const typeOf = (p: Param): string =>
  p.type.startsWith('tuple') ? `(${(p.components ?? []).map(typeOf).join(',')})${p.type.slice(5)}` : p.type
const typesOf = (ps: readonly Param[]) => ps.map(typeOf).join(',')

/**
 * A fragment as the double tests compare it with the reference: kind, name, input types (tuples
 * expanded), output types, and which event inputs are indexed (`''` for other fragment kinds).
 */
export function fragmentSignature(f: Abi[number]): string {
  if (f.type !== 'function' && f.type !== 'event' && f.type !== 'error') return ''
  const inputs = f.inputs as readonly Param[]
  const outputs = 'outputs' in f ? `:${typesOf(f.outputs as readonly Param[])}` : ''
  const indexed = f.type === 'event' ? inputs.map((i) => (i.indexed ? 'i' : '-')).join('') : ''
  return `${f.type} ${f.name}(${typesOf(inputs)})${outputs}${indexed}`
}
