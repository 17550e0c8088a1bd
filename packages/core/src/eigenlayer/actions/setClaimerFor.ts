import { type Address, zeroAddress } from 'viem'
import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  readBatch,
  sendOf,
  simulateOf,
  unwrap,
  waitForOf,
} from '../../kit/index.js'
import { rewardsCoordinatorAbi } from '../abis.js'
import type { EigenLayerDeployment } from '../deployments.js'
import { eigenlayerReverts, rewardsCoordinatorReverts } from '../errors.js'
import {
  type DeploymentParameter,
  type EigenLayerReadClient,
  getDeployment,
  sameAddress,
  specDeployment,
} from '../internal.js'

export type SetClaimerForParameters = {
  /** Who may claim the sender's RewardsCoordinator rewards (`zeroAddress` resets it to the sender). */
  claimer: Address
} & DeploymentParameter

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const SET_CLAIMER_FOR = 'eigenlayer.setClaimerFor'
const setClaimerForCall = /* @__PURE__ */ defineCall({
  name: SET_CLAIMER_FOR,
  contract: 'RewardsCoordinator',
  deployment: specDeployment,
  resolve: (p: SetClaimerForParameters, { deployment }) => ({
    claimer: assertAddress('claimer', p.claimer),
    rewardsCoordinator: (deployment as EigenLayerDeployment).rewardsCoordinator,
  }),
  call: (a) =>
    contractCall({
      address: a.rewardsCoordinator,
      abi: rewardsCoordinatorAbi,
      functionName: 'setClaimerFor',
      args: [a.claimer],
    }),
})
const setClaimerForReceipt = /* @__PURE__ */ defineReceipt({
  abi: rewardsCoordinatorAbi,
  /** The `ClaimerForSet` event: the earner, its old and its new claimer. */
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'ClaimerForSet')
    return { claimerSet: ev ? ev.args : undefined }
  },
})
const setClaimerFor_ = /* @__PURE__ */ defineWrite(setClaimerForCall, {
  revert: (_a, _s, { sender }) =>
    eigenlayerReverts([rewardsCoordinatorReverts], { staker: sender, contract: 'RewardsCoordinator' }),
  receipt: setClaimerForReceipt,
})

/** Layer 1 (pure): `RewardsCoordinator.setClaimerFor(claimer)` as a frozen call list. */
export const prepareSetClaimerFor = /* @__PURE__ */ prepareOf(setClaimerForCall)
/** Layer 2: validates `claimer` and simulates `setClaimerFor` for the sender (the earner). */
export const simulateSetClaimerFor = /* @__PURE__ */ simulateOf(setClaimerFor_)
/** Layer 3: simulates and sends `setClaimerFor`. */
export const setClaimerFor = /* @__PURE__ */ sendOf(setClaimerFor_)
/** Layer 4: the receipt and its `ClaimerForSet` event (`claimerSet`: earner, oldClaimer, claimer). */
export const waitForSetClaimerFor = /* @__PURE__ */ waitForOf({ name: SET_CLAIMER_FOR }, setClaimerForReceipt)

export type SimulateSetClaimerForReturnType = Awaited<ReturnType<typeof simulateSetClaimerFor>>
export type WaitForSetClaimerForReturnType = Awaited<ReturnType<typeof waitForSetClaimerFor>>

export type GetClaimerParameters = { earner: Address } & DeploymentParameter
/** The earner's claimer, or `null` when none is set (the earner claims itself). */
export type GetClaimerReturnType = Address | null

/** `RewardsCoordinator.claimerFor(earner)`: one round trip. */
export async function getClaimer(
  client: EigenLayerReadClient,
  params: GetClaimerParameters,
): Promise<GetClaimerReturnType> {
  const earner = assertAddress('earner', params.earner)
  const d = getDeployment(client, params.deployment)
  const [claimer] = await readBatch(client, [
    { address: d.rewardsCoordinator, abi: rewardsCoordinatorAbi, functionName: 'claimerFor', args: [earner] },
  ])
  const c = unwrap<Address>(claimer)
  return sameAddress(c, zeroAddress) ? null : c
}
