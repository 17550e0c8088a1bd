import { InvalidAddressError, InvalidParameterError, OperatorNotRegisteredError } from '@restakekit/core'
import { haveEigenLayer } from '@restakekit/devnet'
import { zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { avsAllocationManagerAbi, operatorDelegationAbi } from '../abis.js'
import { InvalidOperatorMetadataError, OperatorAlreadyRegisteredError } from '../errors.js'
import { expectRefused, useAvsEnv } from '../test/helpers.js'
import { getAllocationDelay, setAllocationDelay, waitForSetAllocationDelay } from './allocationDelay.js'
import {
  modifyOperatorDetails,
  updateOperatorMetadataURI,
  waitForModifyOperatorDetails,
  waitForUpdateOperatorMetadataURI,
} from './operatorDetails.js'
import {
  prepareRegisterAsOperator,
  registerAsOperator,
  simulateRegisterAsOperator,
  waitForRegisterAsOperator,
} from './registerAsOperator.js'

const metadata = {
  name: 'restakekit test operator',
  website: 'https://restakekit.dev',
  description: 'An operator registered by the avs chain tests.',
  logo: 'https://restakekit.dev/logo.png',
  twitter: 'https://x.com/restakekit',
}
const uri = 'https://restakekit.dev/operator.json'

describe.skipIf(!haveEigenLayer())('EigenLayer operators (real EigenLayer state)', () => {
  const t = useAvsEnv()

  test('registerAsOperator: validated metadata, OperatorRegistered, the allocation delay and its effect block', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const op = await env.devnet.newAccount()
    const deployment = env.deployment
    const [call] = prepareRegisterAsOperator({ deployment, metadataURI: uri, metadata, allocationDelay: 5 })
    expect(call!.to).toBe(deployment.delegationManager)
    await simulateRegisterAsOperator(pc, {
      deployment,
      account: op.address,
      metadataURI: uri,
      allocationDelay: 5,
    })
    const r = await waitForRegisterAsOperator(
      pc,
      await registerAsOperator(env.devnet.walletClient(op), {
        deployment,
        metadataURI: uri,
        metadata,
        allocationDelay: 5,
      }),
    )
    expect(r.operator).toBe(op.address)
    expect(r.delegationApprover).toBe(zeroAddress)
    expect(r.metadataURI).toBe(uri)
    expect(r.allocationDelay?.delay).toBe(5)
    const effect = r.allocationDelay!.readyAt.block
    expect(effect).toBeGreaterThanOrEqual(r.receipt.blockNumber)
    expect(
      await pc.readContract({
        address: deployment.delegationManager,
        abi: operatorDelegationAbi,
        functionName: 'isOperator',
        args: [op.address],
      }),
    ).toBe(true)
    // the delay read back: in effect from the event's block on, as the contract's own view says
    const latest = await pc.getBlockNumber({ cacheTime: 0 })
    if (effect > latest) await env.devnet.mine(Number(effect - latest))
    const [isSet, delay] = await pc.readContract({
      address: deployment.allocationManager,
      abi: avsAllocationManagerAbi,
      functionName: 'getAllocationDelay',
      args: [op.address],
    })
    expect([isSet, delay]).toEqual([true, 5])
    expect(await getAllocationDelay(pc, { deployment, operator: op.address })).toMatchObject({
      delay: 5,
      pending: null,
    })
  })

  test('registerAsOperator refusals: bad metadata, bad URI, bad delay, already an operator (nonce unchanged)', async () => {
    const { env } = t
    const op = await env.devnet.newAccount()
    const w = env.devnet.walletClient(op)
    const deployment = env.deployment
    const bad = await expectRefused(
      env,
      op.address,
      () =>
        registerAsOperator(w, {
          deployment,
          metadataURI: uri,
          metadata: {
            ...metadata,
            logo: 'https://restakekit.dev/logo.jpg',
            twitter: 'https://example.com/x',
          },
          allocationDelay: 0,
        }),
      InvalidOperatorMetadataError,
    )
    expect(bad.issues.map((i) => i.split(':')[0])).toEqual(['logo', 'twitter'])
    await expectRefused(
      env,
      op.address,
      () =>
        registerAsOperator(w, { deployment, metadataURI: uri, metadata: '{not json', allocationDelay: 0 }),
      InvalidOperatorMetadataError,
    )
    await expectRefused(
      env,
      op.address,
      () => registerAsOperator(w, { deployment, metadataURI: 'not a uri', allocationDelay: 0 }),
      InvalidParameterError,
    )
    await expectRefused(
      env,
      op.address,
      () => registerAsOperator(w, { deployment, metadataURI: uri, allocationDelay: -1 }),
      InvalidParameterError,
    )
    await expectRefused(
      env,
      op.address,
      () =>
        registerAsOperator(w, {
          deployment,
          metadataURI: uri,
          delegationApprover: '0x12' as never,
          allocationDelay: 0,
        }),
      InvalidAddressError,
    )
    await env.devnet.publicClient.waitForTransactionReceipt({
      hash: await registerAsOperator(w, { deployment, metadataURI: uri, allocationDelay: 0 }),
    })
    const again = await expectRefused(
      env,
      op.address,
      () => registerAsOperator(w, { deployment, metadataURI: uri, allocationDelay: 0 }),
      OperatorAlreadyRegisteredError,
    )
    expect(again.operator).toBe(op.address)
  })

  test('updateOperatorMetadataURI and modifyOperatorDetails; a non-operator is refused (nonce unchanged)', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const op = await env.devnet.newAccount()
    const approver = await env.devnet.newAccount()
    const w = env.devnet.walletClient(op)
    await pc.waitForTransactionReceipt({
      hash: await registerAsOperator(w, { deployment, metadataURI: uri, allocationDelay: 0 }),
    })
    const next = 'ipfs://bafy-restakekit-operator-v2'
    const u = await waitForUpdateOperatorMetadataURI(
      pc,
      await updateOperatorMetadataURI(w, { deployment, metadataURI: next, metadata }),
    )
    expect(u.metadataURI).toBe(next)
    const m = await waitForModifyOperatorDetails(
      pc,
      await modifyOperatorDetails(w, { deployment, delegationApprover: approver.address }),
    )
    expect(m.delegationApprover).toBe(approver.address)
    expect(
      await pc.readContract({
        address: deployment.delegationManager,
        abi: operatorDelegationAbi,
        functionName: 'delegationApprover',
        args: [op.address],
      }),
    ).toBe(approver.address)

    const stranger = await env.devnet.newAccount()
    const sw = env.devnet.walletClient(stranger)
    await expectRefused(
      env,
      stranger.address,
      () => updateOperatorMetadataURI(sw, { deployment, metadataURI: next }),
      OperatorNotRegisteredError,
    )
    await expectRefused(
      env,
      stranger.address,
      () => modifyOperatorDetails(sw, { deployment, delegationApprover: zeroAddress }),
      OperatorNotRegisteredError,
    )
    await expectRefused(
      env,
      stranger.address,
      () => setAllocationDelay(sw, { deployment, delay: 1 }),
      OperatorNotRegisteredError,
    )
    await expectRefused(
      env,
      op.address,
      () =>
        updateOperatorMetadataURI(w, {
          deployment,
          metadataURI: next,
          metadata: { ...metadata, website: 'nope' },
        }),
      InvalidOperatorMetadataError,
    )
  })

  test('setAllocationDelay: pending until the effect block the receipt reports, then in effect', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const op = await env.devnet.newAccount()
    const w = env.devnet.walletClient(op)
    await pc.waitForTransactionReceipt({
      hash: await registerAsOperator(w, { deployment, metadataURI: uri, allocationDelay: 3 }),
    })
    const first = await getAllocationDelay(pc, { deployment, operator: op.address })
    if (first.pending)
      await env.devnet.mine(Number(first.pending.readyAt.block - (await pc.getBlockNumber({ cacheTime: 0 }))))
    expect((await getAllocationDelay(pc, { deployment, operator: op.address })).delay).toBe(3)

    const r = await waitForSetAllocationDelay(pc, await setAllocationDelay(w, { deployment, delay: 7 }))
    const effect = r.allocationDelay!.readyAt.block
    const { configurationDelay } = await getAllocationDelay(pc, { deployment, operator: op.address })
    // the effect block follows ALLOCATION_CONFIGURATION_DELAY (read from chain)
    expect(effect).toBeGreaterThanOrEqual(r.receipt.blockNumber)
    expect(effect).toBeLessThanOrEqual(r.receipt.blockNumber + BigInt(configurationDelay) + 1n)
    if (effect <= r.receipt.blockNumber) {
      // no configuration delay on this state: in effect in the block that set it
      expect(await getAllocationDelay(pc, { deployment, operator: op.address })).toMatchObject({
        delay: 7,
        pending: null,
      })
      return
    }
    const before = await getAllocationDelay(pc, { deployment, operator: op.address })
    expect(before.delay).toBe(3)
    expect(before.pending).toEqual({
      delay: 7,
      readyAt: { block: effect },
      ready: r.receipt.blockNumber + 1n >= effect,
    })
    const latest = await pc.getBlockNumber({ cacheTime: 0 })
    if (effect - 1n > latest) await env.devnet.mine(Number(effect - 1n - latest))
    const last = await getAllocationDelay(pc, { deployment, operator: op.address })
    expect(last.delay).toBe(3)
    expect(last.pending?.ready).toBe(true)
    await env.devnet.mine(1)
    expect(await getAllocationDelay(pc, { deployment, operator: op.address })).toMatchObject({
      delay: 7,
      pending: null,
    })
  })
})
