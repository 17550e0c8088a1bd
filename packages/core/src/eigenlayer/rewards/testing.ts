// Chain-test fixtures for rewards claims: the RewardsCoordinator's own roles post roots on the
// devnet (impersonated: on the v1.2 state both are anvil account 0). Not part of the package.
import { type Address, type Hex, parseAbi, parseEther } from 'viem'
import { rewardsClaimsAbi, rewardsUpdaterAbi } from '../abis.js'
import type { Env } from '../test/helpers.js'

const ownerAbi = /* @__PURE__ */ parseAbi(['function owner() view returns (address)'])
const abi = [...rewardsClaimsAbi, ...rewardsUpdaterAbi] as const

/**
 * The coordinator's rewards updater and owner, read from chain, each given gas money (they are
 * impersonated; on the v1.3.0 state the updater holds no ETH).
 */
export async function coordinatorRoles(env: Env): Promise<{ updater: Address; owner: Address }> {
  const pc = env.devnet.publicClient
  const address = env.deployment.rewardsCoordinator
  const [updater, owner] = await Promise.all([
    pc.readContract({ address, abi, functionName: 'rewardsUpdater' }),
    pc.readContract({ address, abi: ownerAbi, functionName: 'owner' }),
  ])
  for (const who of [updater, owner])
    if ((await pc.getBalance({ address: who })) < parseEther('1'))
      await env.devnet.fund(who, { eth: parseEther('10') })
  return { updater, owner }
}

/** The owner sets the activation delay (seconds from `submitRoot` to when a root may be claimed). */
export async function setActivationDelay(env: Env, seconds: number): Promise<void> {
  const { owner } = await coordinatorRoles(env)
  await env.devnet.context.write({
    address: env.deployment.rewardsCoordinator,
    abi,
    functionName: 'setActivationDelay',
    args: [seconds],
    from: owner,
  })
}

/**
 * The updater posts `root` with a calculation end one second in the past (moving the clock first
 * when the previous root's end is not behind it yet). Returns its index and activation time, as the
 * contract recorded them.
 */
export async function postRoot(env: Env, root: Hex): Promise<{ rootIndex: number; activatedAt: bigint }> {
  const pc = env.devnet.publicClient
  const address = env.deployment.rewardsCoordinator
  const { updater } = await coordinatorRoles(env)
  const curr = await pc.readContract({
    address,
    abi,
    functionName: 'currRewardsCalculationEndTimestamp',
  })
  let now = (await pc.getBlock({ blockTag: 'latest' })).timestamp
  if (now - 1n <= BigInt(curr)) {
    await env.devnet.increaseTime(BigInt(curr) - now + 2n)
    now = (await pc.getBlock({ blockTag: 'latest' })).timestamp
  }
  await env.devnet.context.write({
    address,
    abi,
    functionName: 'submitRoot',
    args: [root, Number(now - 1n)],
    from: updater,
  })
  const length = await pc.readContract({
    address,
    abi,
    functionName: 'getDistributionRootsLength',
  })
  const posted = await pc.readContract({
    address,
    abi,
    functionName: 'getDistributionRootAtIndex',
    args: [length - 1n],
  })
  if (posted.root !== root) throw new Error('postRoot: the posted root is not the one submitted')
  return { rootIndex: Number(length - 1n), activatedAt: BigInt(posted.activatedAt) }
}

/** The updater disables a root that is not active yet. */
export async function disableRoot(env: Env, rootIndex: number): Promise<void> {
  const { updater } = await coordinatorRoles(env)
  await env.devnet.context.write({
    address: env.deployment.rewardsCoordinator,
    abi,
    functionName: 'disableRoot',
    args: [rootIndex],
    from: updater,
  })
}

/** Moves the chain's clock to at least `timestamp` (and mines a block there). */
export async function advanceTo(env: Env, timestamp: bigint): Promise<void> {
  const now = (await env.devnet.publicClient.getBlock({ blockTag: 'latest' })).timestamp
  if (timestamp > now) await env.devnet.increaseTime(timestamp - now)
}
