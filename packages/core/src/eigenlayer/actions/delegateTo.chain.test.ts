import { haveEigenLayer } from '@restakekit/devnet'
import { type Hex, hashTypedData, parseEther } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { InvalidParameterError } from '../../errors.js'
import {
  AlreadyDelegatedError,
  NotDelegatedError,
  OperatorNotRegisteredError,
  OperatorsCannotUndelegateError,
  SaltSpentError,
  SignatureExpiredError,
} from '../errors.js'
import {
  eigenlayerTypes,
  getDelegationApprovalDigest,
  getEigenLayerDomain,
  isApproverSaltSpent,
  signDelegationApproval,
} from '../signatures.js'
import { type Env, newOperator, newStaker, startEnv } from '../test/helpers.js'
import { delegateTo, simulateDelegateTo, waitForDelegateTo } from './delegateTo.js'
import { deposit, waitForDeposit } from './deposit.js'
import { getDelegation } from './getDelegation.js'
import { getDeposits } from './getDeposits.js'
import { getOperator } from './getOperator.js'
import { getQueuedWithdrawals } from './getQueuedWithdrawals.js'
import { redelegate, waitForRedelegate } from './redelegate.js'
import { undelegate, waitForUndelegate } from './undelegate.js'

describe.skipIf(!haveEigenLayer())('delegation (real EigenLayer fixture)', () => {
  let env: Env
  let snap: Hex
  beforeAll(async () => {
    env = await startEnv()
  })
  afterAll(() => env?.devnet.stop())
  beforeEach(async () => {
    if (snap) await env.devnet.revert(snap)
    snap = await env.devnet.snapshot()
  })
  const pc = () => env.devnet.publicClient

  async function depositedStaker(amount = parseEther('5')) {
    const staker = await newStaker(env, amount)
    const wallet = env.devnet.walletClient(staker)
    await waitForDeposit(
      pc(),
      await deposit(wallet, { deployment: env.deployment, strategy: env.strategy, token: env.token, amount }),
    )
    return { staker, wallet }
  }

  test('delegate to an open operator; operator shares and delegation read back', async () => {
    const { staker, wallet } = await depositedStaker()
    const operator = await newOperator(env)
    expect(await getDelegation(pc(), { deployment: env.deployment, staker: staker.address })).toEqual({
      operator: null,
      isOperator: false,
    })
    await waitForDelegateTo(
      pc(),
      await delegateTo(wallet, { deployment: env.deployment, operator: operator.address }),
    )
    expect(await getDelegation(pc(), { deployment: env.deployment, staker: staker.address })).toEqual({
      operator: operator.address,
      isOperator: false,
    })
    const [dep] = await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })
    const op = await getOperator(pc(), {
      deployment: env.deployment,
      operator: operator.address,
      strategies: [env.strategy],
    })
    expect(op).toMatchObject({
      registered: true,
      delegationApprover: null,
      allocationDelay: { isSet: true, blocks: 0 },
    })
    expect(op.shares).toEqual([
      { strategy: env.strategy, shares: dep!.withdrawableShares, maxMagnitude: 10n ** 18n },
    ])
    // already delegated: refused before sending
    const other = await newOperator(env)
    await expect(
      delegateTo(wallet, { deployment: env.deployment, operator: other.address }),
    ).rejects.toBeInstanceOf(AlreadyDelegatedError)
  })

  test('operator with an approver: signed approval (domain and digest from chain), salt spent afterwards', async () => {
    const { staker, wallet } = await depositedStaker()
    const approver = await env.devnet.newAccount()
    const operator = await newOperator(env, approver.address)
    // without a signature: refused
    await expect(
      simulateDelegateTo(pc(), {
        deployment: env.deployment,
        account: staker.address,
        operator: operator.address,
      }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    const approverWallet = env.devnet.walletClient(approver)
    const sig = await signDelegationApproval(approverWallet, {
      deployment: env.deployment,
      staker: staker.address,
      operator: operator.address,
    })
    // the SDK's typed data hashes to the contract's own digest
    const domain = await getEigenLayerDomain(pc(), { contract: env.deployment.delegationManager })
    if (env.release === 'v1.2') {
      // v1.2: no version in the domain; verifyingContract is the implementation behind the proxy
      expect(domain.version).toBeUndefined()
      expect(domain.verifyingContract).not.toBe(env.deployment.delegationManager)
    } else {
      // v1.3.0: version "v" + major of version() ("v0.0.0" on this state: "v0"); the proxy verifies
      expect(domain.version).toBe('v0')
      expect(domain.verifyingContract).toBe(env.deployment.delegationManager)
    }
    const digest = await getDelegationApprovalDigest(pc(), {
      deployment: env.deployment,
      staker: staker.address,
      operator: operator.address,
      approver: approver.address,
      salt: sig.salt,
      expiry: sig.expiry,
    })
    expect(
      hashTypedData({
        domain,
        types: eigenlayerTypes,
        primaryType: 'DelegationApproval',
        message: {
          delegationApprover: approver.address,
          staker: staker.address,
          operator: operator.address,
          salt: sig.salt,
          expiry: sig.expiry,
        },
      }),
    ).toBe(digest)

    const { events } = await waitForDelegateTo(
      pc(),
      await delegateTo(wallet, {
        deployment: env.deployment,
        operator: operator.address,
        approverSignature: sig,
      }),
    )
    expect(events.some((e) => e.eventName === 'StakerDelegated')).toBe(true)
    expect(
      await isApproverSaltSpent(pc(), {
        deployment: env.deployment,
        approver: approver.address,
        salt: sig.salt,
      }),
    ).toBe(true)

    // a second staker reusing the spent salt is refused before sending; signing it is refused too
    const { staker: s2, wallet: w2 } = await depositedStaker()
    const reused = await signDelegationApproval(approverWallet, {
      deployment: env.deployment,
      staker: s2.address,
      operator: operator.address,
      salt: sig.salt,
    }).catch((e) => e)
    expect(reused).toBeInstanceOf(SaltSpentError)
    const forged = { ...sig }
    const nonce = await pc().getTransactionCount({ address: s2.address })
    await expect(
      delegateTo(w2, { deployment: env.deployment, operator: operator.address, approverSignature: forged }),
    ).rejects.toBeInstanceOf(SaltSpentError)
    expect(await pc().getTransactionCount({ address: s2.address })).toBe(nonce)
  })

  test('expired approval and unregistered operator are typed errors', async () => {
    const { staker, wallet } = await depositedStaker()
    const approver = await env.devnet.newAccount()
    const operator = await newOperator(env, approver.address)
    const sig = await signDelegationApproval(env.devnet.walletClient(approver), {
      deployment: env.deployment,
      staker: staker.address,
      operator: operator.address,
      validFor: 10n,
    })
    await env.devnet.increaseTime(60)
    const err = await delegateTo(wallet, {
      deployment: env.deployment,
      operator: operator.address,
      approverSignature: sig,
    }).catch((e) => e)
    expect(err).toBeInstanceOf(SignatureExpiredError)
    expect(err.expiry).toBe(sig.expiry)
    const nobody = await env.devnet.newAccount()
    await expect(
      delegateTo(wallet, { deployment: env.deployment, operator: nobody.address }),
    ).rejects.toBeInstanceOf(OperatorNotRegisteredError)
  })

  test('undelegate queues a withdrawal per strategy; redelegate moves to a new operator', async () => {
    const { staker, wallet } = await depositedStaker()
    const op1 = await newOperator(env)
    await expect(undelegate(wallet, { deployment: env.deployment })).rejects.toBeInstanceOf(NotDelegatedError)
    await expect(
      undelegate(env.devnet.walletClient(op1), { deployment: env.deployment }),
    ).rejects.toBeInstanceOf(OperatorsCannotUndelegateError)
    await waitForDelegateTo(
      pc(),
      await delegateTo(wallet, { deployment: env.deployment, operator: op1.address }),
    )
    const [dep] = await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })

    const { withdrawals, events } = await waitForUndelegate(
      pc(),
      await undelegate(wallet, { deployment: env.deployment }),
    )
    expect(events.some((e) => e.eventName === 'StakerUndelegated')).toBe(true)
    expect(withdrawals).toHaveLength(1)
    expect(withdrawals[0]!.withdrawal.delegatedTo).toBe(op1.address)
    expect(withdrawals[0]!.shares).toEqual([dep!.withdrawableShares])
    expect(await getDelegation(pc(), { deployment: env.deployment, staker: staker.address })).toMatchObject({
      operator: null,
    })
    expect(await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })).toEqual([])
    const q = await getQueuedWithdrawals(pc(), { deployment: env.deployment, staker: staker.address })
    expect(q.withdrawals.map((w) => w.root)).toEqual([withdrawals[0]!.root])

    // redelegate needs a delegation: deposit again, delegate, then move
    await env.devnet.fund(staker.address, { tokens: { [env.token]: parseEther('1') } })
    await waitForDeposit(
      pc(),
      await deposit(wallet, {
        deployment: env.deployment,
        strategy: env.strategy,
        token: env.token,
        amount: parseEther('1'),
      }),
    )
    await waitForDelegateTo(
      pc(),
      await delegateTo(wallet, { deployment: env.deployment, operator: op1.address }),
    )
    const op2 = await newOperator(env)
    const moved = await waitForRedelegate(
      pc(),
      await redelegate(wallet, { deployment: env.deployment, operator: op2.address }),
    )
    expect(moved.withdrawals).toHaveLength(1)
    expect(moved.events.filter((e) => e.eventName === 'StakerDelegated').map((e) => e.args)).toEqual([
      { staker: staker.address, operator: op2.address },
    ])
    expect(await getDelegation(pc(), { deployment: env.deployment, staker: staker.address })).toMatchObject({
      operator: op2.address,
    })
  })
})
