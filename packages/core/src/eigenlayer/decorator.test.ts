import { createPublicClient, custom } from 'viem'
import { describe, expect, test } from 'vitest'
import { restakingActions } from '../decorator.js'
import { eigenlayerActions } from './decorator.js'
import { devnetChain } from './test/unit.js'

describe('eigenlayerActions / restakingActions', () => {
  test('every read, write and wait action is bound under client.restaking.eigenlayer', () => {
    const client = createPublicClient({
      chain: devnetChain,
      transport: custom({ request: async () => null }),
    })
    const el = client.extend(restakingActions()).restaking.eigenlayer
    expect(Object.keys(el).sort()).toEqual(
      [
        'getStrategy',
        'getDeposits',
        'getDelegation',
        'getOperator',
        'getQueuedWithdrawals',
        'getWithdrawalDelay',
        'getAllocations',
        'getPortfolio',
        'getPod',
        'simulateDeposit',
        'deposit',
        'simulateDepositWithSignature',
        'depositWithSignature',
        'simulateDelegateTo',
        'delegateTo',
        'simulateUndelegate',
        'undelegate',
        'simulateRedelegate',
        'redelegate',
        'simulateQueueWithdrawals',
        'queueWithdrawals',
        'simulateCompleteWithdrawals',
        'completeWithdrawals',
        'simulateCreatePod',
        'createPod',
        'signDelegationApproval',
        'signDeposit',
        'waitForDeposit',
        'waitForDepositWithSignature',
        'waitForDelegateTo',
        'waitForUndelegate',
        'waitForRedelegate',
        'waitForQueueWithdrawals',
        'waitForCompleteWithdrawals',
        'waitForCreatePod',
      ].sort(),
    )
    expect(Object.keys(eigenlayerActions(client))).toEqual(Object.keys(el))
  })
})
