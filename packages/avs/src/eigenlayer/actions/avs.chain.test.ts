import { delegateTo, deposit, InvalidParameterError, OperatorNotRegisteredError } from '@restakekit/core'
import { haveEigenLayer } from '@restakekit/devnet'
import { type Address, parseAbi, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { avsAllocationManagerAbi } from '../abis.js'
import {
  AllocationPendingError,
  AvsMetadataMissingError,
  InsufficientMagnitudeError,
  InvalidAvsRegistrarError,
  InvalidWadToSlashError,
  NotAscendingError,
  NotInReleaseError,
  OperatorNotSlashableError,
  OperatorSetExistsError,
  OperatorSetMembershipError,
  OperatorSetNotFoundError,
  SameMagnitudeError,
  StrategyAlreadyInOperatorSetError,
  StrategyNotInOperatorSetError,
} from '../errors.js'
import { type Env, expectRefused, newAvsContract, sortAddresses, useAvsEnv } from '../test/helpers.js'
import { getAllocationDelay } from './allocationDelay.js'
import {
  setAVSRegistrar,
  updateAVSMetadataURI,
  waitForSetAVSRegistrar,
  waitForUpdateAVSMetadataURI,
} from './avsMetadata.js'
import { clearDeallocationQueue, waitForClearDeallocationQueue } from './clearDeallocationQueue.js'
import {
  modifyAllocations,
  simulateModifyAllocations,
  waitForModifyAllocations,
} from './modifyAllocations.js'
import {
  addStrategiesToOperatorSet,
  removeStrategiesFromOperatorSet,
  waitForAddStrategiesToOperatorSet,
  waitForRemoveStrategiesFromOperatorSet,
} from './operatorSetStrategies.js'
import {
  createOperatorSets,
  deregisterFromOperatorSets,
  registerForOperatorSets,
  waitForCreateOperatorSets,
  waitForDeregisterFromOperatorSets,
  waitForRegisterForOperatorSets,
} from './operatorSets.js'
import { createRedistributingOperatorSets, DEFAULT_BURN_ADDRESS } from './redistributingOperatorSets.js'
import { registerAsOperator } from './registerAsOperator.js'
import { slashOperator, waitForSlashOperator } from './slashOperator.js'

const testAvsAbi = parseAbi([
  'function registered(address operator, uint32 operatorSetId) view returns (bool)',
])
const sharesAbi = parseAbi([
  'function operatorShares(address operator, address strategy) view returns (uint256)',
])
const WAD = 10n ** 18n

async function mineTo(env: Env, block: bigint) {
  const latest = await env.devnet.publicClient.getBlockNumber({ cacheTime: 0 })
  if (block > latest) await env.devnet.mine(Number(block - latest))
}

/** A registered operator whose allocation delay (`delay` blocks) is in effect. */
async function operatorWithDelay(env: Env, delay: number) {
  const op = await env.devnet.newAccount()
  const pc = env.devnet.publicClient
  await pc.waitForTransactionReceipt({
    hash: await registerAsOperator(env.devnet.walletClient(op), {
      deployment: env.deployment,
      metadataURI: 'https://restakekit.dev/op.json',
      allocationDelay: delay,
    }),
  })
  const d = await getAllocationDelay(pc, { deployment: env.deployment, operator: op.address })
  if (d.pending) await mineTo(env, d.pending.readyAt.block)
  return op
}

describe.skipIf(!haveEigenLayer())('EigenLayer AVS side (real EigenLayer state)', () => {
  const t = useAvsEnv()

  test('an AVS launches: metadata, registrar, a set; an operator joins, allocates half, is slashed 20 %, leaves', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const avs = await newAvsContract(env)
    const aw = env.devnet.walletClient(avs)
    const strategy = env.strategy

    // sets need the AVS's metadata first: refused in the simulation, nothing sent
    await expectRefused(
      env,
      avs,
      () =>
        createOperatorSets(aw, { deployment, operatorSets: [{ operatorSetId: 1, strategies: [strategy] }] }),
      AvsMetadataMissingError,
    )
    const md = await waitForUpdateAVSMetadataURI(
      pc,
      await updateAVSMetadataURI(aw, { deployment, metadataURI: 'https://restakekit.dev/avs.json' }),
    )
    expect(md.metadataURI).toBe('https://restakekit.dev/avs.json')
    const stranger = await env.devnet.newAccount()
    await expectRefused(
      env,
      avs,
      () => setAVSRegistrar(aw, { deployment, registrar: stranger.address }),
      InvalidAvsRegistrarError,
    )
    expect(
      (await waitForSetAVSRegistrar(pc, await setAVSRegistrar(aw, { deployment, registrar: avs }))).registrar,
    ).toBe(avs)

    const created = await waitForCreateOperatorSets(
      pc,
      await createOperatorSets(aw, {
        deployment,
        operatorSets: [
          { operatorSetId: 1, strategies: [strategy] },
          { operatorSetId: 2, strategies: [strategy] },
        ],
      }),
    )
    expect(created.operatorSets).toEqual([
      { avs, id: 1 },
      { avs, id: 2 },
    ])
    expect(created.strategiesAdded).toEqual([
      { operatorSet: { avs, id: 1 }, strategy },
      { operatorSet: { avs, id: 2 }, strategy },
    ])
    await expectRefused(
      env,
      avs,
      () => createOperatorSets(aw, { deployment, operatorSets: [{ operatorSetId: 2, strategies: [] }] }),
      OperatorSetExistsError,
    )
    await expectRefused(
      env,
      avs,
      () =>
        createOperatorSets(aw, {
          deployment,
          operatorSets: [
            { operatorSetId: 3, strategies: [] },
            { operatorSetId: 3, strategies: [] },
          ],
        }),
      InvalidParameterError,
    )

    // the operator joins set 1 (the registrar is called: the test AVS records it)
    const op = await operatorWithDelay(env, 4)
    const ow = env.devnet.walletClient(op)
    await expectRefused(
      env,
      stranger.address,
      () =>
        registerForOperatorSets(env.devnet.walletClient(stranger), { deployment, avs, operatorSetIds: [1] }),
      OperatorNotRegisteredError,
    )
    await expectRefused(
      env,
      op.address,
      () => registerForOperatorSets(ow, { deployment, avs, operatorSetIds: [9] }),
      OperatorSetNotFoundError,
    )
    const joined = await waitForRegisterForOperatorSets(
      pc,
      await registerForOperatorSets(ow, { deployment, avs, operatorSetIds: [1], data: '0x1234' }),
    )
    expect(joined.operatorSets).toEqual([{ avs, id: 1 }])
    expect(
      await pc.readContract({
        address: avs,
        abi: testAvsAbi,
        functionName: 'registered',
        args: [op.address, 1],
      }),
    ).toBe(true)
    await expectRefused(
      env,
      op.address,
      () => registerForOperatorSets(ow, { deployment, avs, operatorSetIds: [1] }),
      OperatorSetMembershipError,
    )

    // a staker delegates 10 tokens
    const staker = await env.devnet.newAccount({ tokens: { [env.token]: parseEther('10') } })
    const sw = env.devnet.walletClient(staker)
    await pc.waitForTransactionReceipt({
      hash: await deposit(sw, { deployment, strategy, token: env.token, amount: parseEther('10') }),
    })
    await pc.waitForTransactionReceipt({ hash: await delegateTo(sw, { deployment, operator: op.address }) })
    const sharesBefore = await pc.readContract({
      address: deployment.delegationManager,
      abi: sharesAbi,
      functionName: 'operatorShares',
      args: [op.address, strategy],
    })
    expect(sharesBefore).toBe(parseEther('10'))

    // allocate half of the max magnitude to set 1
    const half = { avs, operatorSetId: 1, strategy, fraction: WAD / 2n }
    const sim = await simulateModifyAllocations(pc, { deployment, account: op.address, allocations: [half] })
    expect(sim.magnitudes).toEqual([
      { avs, operatorSetId: 1, strategy, maxMagnitude: WAD, magnitude: WAD / 2n },
    ])
    const alloc = await waitForModifyAllocations(
      pc,
      await modifyAllocations(ow, { deployment, allocations: [half] }),
    )
    expect(alloc.allocations).toHaveLength(1)
    const effect = alloc.allocations[0]!.readyAt.block
    expect(alloc.allocations[0]).toMatchObject({ operatorSet: { avs, id: 1 }, strategy, magnitude: WAD / 2n })
    // an increase takes effect after the operator's allocation delay (4 blocks)
    expect(effect - alloc.receipt.blockNumber).toBeGreaterThanOrEqual(4n)
    expect(effect - alloc.receipt.blockNumber).toBeLessThanOrEqual(5n)
    const pending = await expectRefused(
      env,
      op.address,
      () => modifyAllocations(ow, { deployment, allocations: [{ ...half, fraction: WAD / 4n }] }),
      AllocationPendingError,
    )
    expect(pending.readyAt).toEqual({ block: effect })
    await mineTo(env, effect)
    await expectRefused(
      env,
      op.address,
      () => modifyAllocations(ow, { deployment, allocations: [half] }),
      SameMagnitudeError,
    )
    const over = await expectRefused(
      env,
      op.address,
      () =>
        modifyAllocations(ow, {
          deployment,
          allocations: [{ ...half, operatorSetId: 2, fraction: (WAD * 6n) / 10n }],
        }),
      InsufficientMagnitudeError,
    )
    expect([over.requested, over.allocatable]).toEqual([(WAD * 6n) / 10n, WAD / 2n])
    const other = '0x000000000000000000000000000000000000dEaD' as Address
    await expectRefused(
      env,
      op.address,
      () => modifyAllocations(ow, { deployment, allocations: [{ ...half, strategy: other }] }),
      StrategyNotInOperatorSetError,
    )

    // slashing: the refusals first, then 20 % of the half allocated
    const slash = {
      deployment,
      operator: op.address,
      operatorSetId: 1,
      strategies: [strategy],
      description: 'restakekit test slash',
    }
    await expectRefused(
      env,
      avs,
      () => slashOperator(aw, { ...slash, wadsToSlash: [0n] }),
      InvalidWadToSlashError,
    )
    await expectRefused(
      env,
      avs,
      () => slashOperator(aw, { ...slash, wadsToSlash: [WAD + 1n] }),
      InvalidWadToSlashError,
    )
    const [lo, hi] = sortAddresses([strategy, other])
    await expectRefused(
      env,
      avs,
      () => slashOperator(aw, { ...slash, strategies: [hi!, lo!], wadsToSlash: [1n, 1n] }),
      NotAscendingError,
    )
    await expectRefused(
      env,
      avs,
      () => slashOperator(aw, { ...slash, strategies: [lo!, hi!], wadsToSlash: [1n, 1n] }),
      StrategyNotInOperatorSetError,
    )
    await expectRefused(
      env,
      avs,
      () => slashOperator(aw, { ...slash, operator: stranger.address, wadsToSlash: [WAD / 5n] }),
      OperatorNotSlashableError,
    )
    await expectRefused(
      env,
      avs,
      () => slashOperator(aw, { ...slash, operatorSetId: 7, wadsToSlash: [WAD / 5n] }),
      OperatorSetNotFoundError,
    )

    const slashed = await waitForSlashOperator(
      pc,
      await slashOperator(aw, { ...slash, wadsToSlash: [WAD / 5n] }),
    )
    const sharesAfter = await pc.readContract({
      address: deployment.delegationManager,
      abi: sharesAbi,
      functionName: 'operatorShares',
      args: [op.address, strategy],
    })
    // 20 % of a 50 % allocation is 10 % of the operator's magnitude, so 10 % of its delegated shares
    expect(slashed.description).toBe('restakekit test slash')
    expect(slashed.slashed).toEqual([{ strategy, wadSlashed: WAD / 10n, shares: sharesBefore - sharesAfter }])
    expect(sharesBefore - sharesAfter).toBe(parseEther('1'))

    // deallocate everything: a decrease waits DEALLOCATION_DELAY (read from chain), then the queue is cleared
    const am = deployment.allocationManager
    const deallocationDelay = await pc.readContract({
      address: am,
      abi: avsAllocationManagerAbi,
      functionName: 'DEALLOCATION_DELAY',
    })
    const dealloc = await waitForModifyAllocations(
      pc,
      await modifyAllocations(ow, { deployment, allocations: [{ ...half, fraction: 0n }] }),
    )
    const freeAt = dealloc.allocations[0]!.readyAt.block
    expect(dealloc.allocations[0]!.magnitude).toBe(0n)
    expect(freeAt - dealloc.receipt.blockNumber).toBeGreaterThanOrEqual(BigInt(deallocationDelay))
    expect(freeAt - dealloc.receipt.blockNumber).toBeLessThanOrEqual(BigInt(deallocationDelay) + 1n)
    const allocatable = () =>
      pc.readContract({
        address: am,
        abi: avsAllocationManagerAbi,
        functionName: 'getAllocatableMagnitude',
        args: [op.address, strategy],
      })
    const maxAfterSlash = await pc.readContract({
      address: am,
      abi: avsAllocationManagerAbi,
      functionName: 'getMaxMagnitude',
      args: [op.address, strategy],
    })
    expect(maxAfterSlash).toBe((WAD * 9n) / 10n)
    await mineTo(env, freeAt)
    const cleared = await waitForClearDeallocationQueue(
      pc,
      await clearDeallocationQueue(env.devnet.walletClient(stranger), {
        deployment,
        operator: op.address,
        strategies: [strategy],
      }),
    )
    expect(cleared.encumbered).toEqual([{ strategy, encumberedMagnitude: 0n }])
    expect(await allocatable()).toBe(maxAfterSlash)

    // the operator leaves set 1 (the registrar is told)
    const left = await waitForDeregisterFromOperatorSets(
      pc,
      await deregisterFromOperatorSets(ow, { deployment, avs, operatorSetIds: [1] }),
    )
    expect(left.operatorSets).toEqual([{ avs, id: 1 }])
    expect(
      await pc.readContract({
        address: avs,
        abi: testAvsAbi,
        functionName: 'registered',
        args: [op.address, 1],
      }),
    ).toBe(false)
    await expectRefused(
      env,
      op.address,
      () => deregisterFromOperatorSets(ow, { deployment, avs, operatorSetIds: [1] }),
      OperatorSetMembershipError,
    )
  })
  test('an AVS adds and removes strategies of a set; refusals before sending (nonce unchanged)', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const avs = await newAvsContract(env)
    const aw = env.devnet.walletClient(avs)
    await pc.waitForTransactionReceipt({
      hash: await updateAVSMetadataURI(aw, { deployment, metadataURI: 'https://restakekit.dev/avs.json' }),
    })
    await pc.waitForTransactionReceipt({
      hash: await createOperatorSets(aw, {
        deployment,
        operatorSets: [{ operatorSetId: 1, strategies: [env.strategy] }],
      }),
    })
    const other = '0x000000000000000000000000000000000000dEaD' as Address
    const inSet = () =>
      pc.readContract({
        address: deployment.allocationManager,
        abi: avsAllocationManagerAbi,
        functionName: 'getStrategiesInOperatorSet',
        args: [{ avs, id: 1 }],
      })
    await expectRefused(
      env,
      avs,
      () => addStrategiesToOperatorSet(aw, { deployment, operatorSetId: 1, strategies: [env.strategy] }),
      StrategyAlreadyInOperatorSetError,
    )
    await expectRefused(
      env,
      avs,
      () => addStrategiesToOperatorSet(aw, { deployment, operatorSetId: 5, strategies: [other] }),
      OperatorSetNotFoundError,
    )
    await expectRefused(
      env,
      avs,
      () => removeStrategiesFromOperatorSet(aw, { deployment, operatorSetId: 1, strategies: [other] }),
      StrategyNotInOperatorSetError,
    )
    const added = await waitForAddStrategiesToOperatorSet(
      pc,
      await addStrategiesToOperatorSet(aw, { deployment, operatorSetId: 1, strategies: [other] }),
    )
    expect(added.strategies).toEqual([other])
    expect(await inSet()).toEqual([env.strategy, other])
    const removed = await waitForRemoveStrategiesFromOperatorSet(
      pc,
      await removeStrategiesFromOperatorSet(aw, { deployment, operatorSetId: 1, strategies: [env.strategy] }),
    )
    expect(removed.strategies).toEqual([env.strategy])
    expect(await inSet()).toEqual([other])
  })

  test('redistributing sets (v1.5+): probed and refused on these states before sending (probe only)', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const avs = await newAvsContract(env)
    const aw = env.devnet.walletClient(avs)
    await pc.waitForTransactionReceipt({
      hash: await updateAVSMetadataURI(aw, { deployment, metadataURI: 'https://restakekit.dev/avs.json' }),
    })
    const recipient = (await env.devnet.newAccount()).address
    const err = await expectRefused(
      env,
      avs,
      () =>
        createRedistributingOperatorSets(aw, {
          deployment,
          operatorSets: [
            { operatorSetId: 1, strategies: [env.strategy], redistributionRecipient: recipient },
          ],
        }),
      NotInReleaseError,
    )
    expect(err.feature).toBe('createRedistributingOperatorSets')
    await expectRefused(
      env,
      avs,
      () =>
        createRedistributingOperatorSets(aw, {
          deployment,
          operatorSets: [{ operatorSetId: 1, strategies: [], redistributionRecipient: DEFAULT_BURN_ADDRESS }],
        }),
      InvalidParameterError,
    )
  })
})
