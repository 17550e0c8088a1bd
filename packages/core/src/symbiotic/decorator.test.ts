import { createPublicClient, http } from 'viem'
import { mainnet } from 'viem/chains'
import { describe, expect, test } from 'vitest'
import { restakingActions } from '../decorator.js'
import { UnsupportedChainError } from '../errors.js'
import { symbioticDeployments } from './deployments.js'

describe('symbioticActions through restakingActions()', () => {
  const client = createPublicClient({ chain: mainnet, transport: http('http://127.0.0.1:1') }).extend(
    restakingActions(),
  )
  const actions = client.restaking.symbiotic

  test('every read and write layer is bound', () => {
    expect(Object.keys(actions).sort()).toEqual(
      [
        'getVault',
        'getVaultPosition',
        'listVaults',
        'getStake',
        'getSymbioticPositions',
        'simulateDepositToVault',
        'depositToVault',
        'waitForDepositToVault',
        'simulateWithdrawFromVault',
        'withdrawFromVault',
        'waitForWithdrawFromVault',
        'simulateRedeemFromVault',
        'redeemFromVault',
        'waitForRedeemFromVault',
        'simulateClaimFromVault',
        'claimFromVault',
        'waitForClaimFromVault',
      ].sort(),
    )
    for (const fn of Object.values(actions)) expect(typeof fn).toBe('function')
  })

  test('bound actions validate before any request', async () => {
    await expect(actions.getVault({ vault: 'nope' as never })).rejects.toThrow(/vault/)
    await expect(
      actions.depositToVault({ vault: symbioticDeployments[1].vaultFactory, amount: 0n }),
    ).rejects.toThrow(/amount/)
  })

  test('a chain without a known deployment needs one passed', async () => {
    const other = createPublicClient({
      chain: { ...mainnet, id: 999_999 },
      transport: http('http://127.0.0.1:1'),
    }).extend(restakingActions())
    await expect(other.restaking.symbiotic.listVaults()).rejects.toThrow(UnsupportedChainError)
  })
})
