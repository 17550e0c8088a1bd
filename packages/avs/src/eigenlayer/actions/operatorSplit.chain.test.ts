import { InvalidParameterError } from '@restakekit/core'
import { haveEigenLayer } from '@restakekit/devnet'
import { parseAbi } from 'viem'
import { describe, expect, test } from 'vitest'
import { NotInReleaseError, SplitPendingError } from '../errors.js'
import { UnauthorizedCallerError } from '../revert.js'
import { expectRefused, useAvsEnv } from '../test/helpers.js'
import { updateAVSMetadataURI } from './avsMetadata.js'
import { createOperatorSets } from './operatorSets.js'
import { getOperatorSplit, setOperatorSplit, waitForSetOperatorSplit } from './operatorSplit.js'
import { registerAsOperator } from './registerAsOperator.js'

const ownerAbi = parseAbi([
  'function owner() view returns (address)',
  'function setActivationDelay(uint32 delay)',
])

describe.skipIf(!haveEigenLayer())('operator rewards splits (real EigenLayer state)', () => {
  const t = useAvsEnv()

  test('AVS and PI splits take effect at the activation time; a second change while pending is refused', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const rc = deployment.rewardsCoordinator
    // a non-zero activation delay (the coordinator's owner sets it), to see the pending period
    const owner = await pc.readContract({ address: rc, abi: ownerAbi, functionName: 'owner' })
    await env.devnet.testClient.impersonateAccount({ address: owner })
    await env.devnet.testClient.setBalance({ address: owner, value: 10n ** 18n })
    await pc.waitForTransactionReceipt({
      hash: await env.devnet
        .walletClient(owner)
        .writeContract({ address: rc, abi: ownerAbi, functionName: 'setActivationDelay', args: [3600] }),
    })
    const op = await env.devnet.newAccount()
    const ow = env.devnet.walletClient(op)
    await pc.waitForTransactionReceipt({
      hash: await registerAsOperator(ow, {
        deployment,
        metadataURI: 'https://restakekit.dev/op.json',
        allocationDelay: 0,
      }),
    })
    const avs = (await env.devnet.newAccount()).address
    const before = await getOperatorSplit(pc, { deployment, operator: op.address, avs })
    const r = await waitForSetOperatorSplit(
      pc,
      await setOperatorSplit(ow, { deployment, avs, splitBips: 2500 }),
    )
    const block = await pc.getBlock({ blockNumber: r.receipt.blockNumber })
    expect(r.split).toEqual({
      oldSplitBips: before,
      newSplitBips: 2500,
      readyAt: { timestamp: block.timestamp + 3600n },
    })
    expect(await getOperatorSplit(pc, { deployment, operator: op.address, avs })).toBe(before)
    await expectRefused(
      env,
      op.address,
      () => setOperatorSplit(ow, { deployment, avs, splitBips: 3000 }),
      SplitPendingError,
    )
    await env.devnet.increaseTime(3601)
    await env.devnet.mine(1)
    expect(await getOperatorSplit(pc, { deployment, operator: op.address, avs })).toBe(2500)

    const pi = await waitForSetOperatorSplit(pc, await setOperatorSplit(ow, { deployment, splitBips: 10000 }))
    expect(pi.split?.newSplitBips).toBe(10000)
    await expectRefused(
      env,
      op.address,
      () => setOperatorSplit(ow, { deployment, splitBips: 10001 }),
      InvalidParameterError,
    )
    const stranger = await env.devnet.newAccount()
    await expectRefused(
      env,
      stranger.address,
      () =>
        setOperatorSplit(env.devnet.walletClient(stranger), {
          deployment,
          operator: op.address,
          splitBips: 1,
        }),
      UnauthorizedCallerError,
    )
  })

  test('operator-set split: v1.3.0 sets it; the v1.2 state has none (NotInReleaseError before sending)', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const op = await env.devnet.newAccount()
    const ow = env.devnet.walletClient(op)
    await pc.waitForTransactionReceipt({
      hash: await registerAsOperator(ow, {
        deployment,
        metadataURI: 'https://restakekit.dev/op.json',
        allocationDelay: 0,
      }),
    })
    const avsAccount = await env.devnet.newAccount()
    const aw = env.devnet.walletClient(avsAccount)
    const avs = avsAccount.address
    await pc.waitForTransactionReceipt({
      hash: await updateAVSMetadataURI(aw, { deployment, metadataURI: 'https://restakekit.dev/avs.json' }),
    })
    await pc.waitForTransactionReceipt({
      hash: await createOperatorSets(aw, {
        deployment,
        operatorSets: [{ operatorSetId: 1, strategies: [env.strategy] }],
      }),
    })
    if (env.release === 'v1.2') {
      await expectRefused(
        env,
        op.address,
        () => setOperatorSplit(ow, { deployment, avs, operatorSetId: 1, splitBips: 500 }),
        NotInReleaseError,
      )
      return
    }
    const r = await waitForSetOperatorSplit(
      pc,
      await setOperatorSplit(ow, { deployment, avs, operatorSetId: 1, splitBips: 500 }),
    )
    expect(r.split?.newSplitBips).toBe(500)
  })
})
