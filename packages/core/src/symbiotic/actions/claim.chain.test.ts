import { decodeFunctionData, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidParameterError } from '../../errors.js'
import { simulateWrite } from '../../tx.js'
import { symbioticVaultAbi } from '../abis.js'
import {
  AlreadyClaimedError,
  EpochNotClaimableError,
  NothingToClaimError,
  symbioticRevertMapper,
} from '../errors.js'
import {
  claimFromVault,
  prepareClaimFromVault,
  simulateClaimFromVault,
  waitForClaimFromVault,
} from './claimFromVault.js'
import { depositToVault } from './depositToVault.js'
import { getVaultPosition } from './getVaultPosition.js'
import { useSymbioticDevnet } from './testing.js'
import { withdraw } from './withdraw.js'

const t = useSymbioticDevnet()
const EPOCH = 3600

async function setup(amount: bigint, delegatorType: 0 | 1 = 0) {
  const { vault } = await t.vault({ epochDuration: EPOCH, delegatorType })
  const staker = await t.staker(amount)
  await t.mined(depositToVault(staker.wallet, { vault, amount }))
  return { vault, ...staker }
}

describe('claimFromVault', () => {
  test('one epoch: not claimable until the epoch after the bucket, then the collateral comes back', async () => {
    const { vault, address, account, wallet } = await setup(parseEther('2'))
    const weth = t.devnet.deployments.tokens.weth
    const n = await t.view<bigint>(vault, 'currentEpoch')
    await t.mined(withdraw(wallet, { vault, amount: parseEther('2') }))
    const bucket = n + 1n
    const init = BigInt(await t.view<number>(vault, 'epochDurationInit'))

    const early = await claimFromVault(wallet, { vault, epoch: bucket }).catch((e) => e)
    expect(early).toBeInstanceOf(EpochNotClaimableError)
    expect(early.epoch).toBe(bucket)
    expect(early.currentEpoch).toBe(n)
    expect(early.claimableAt).toBe(init + (bucket + 1n) * BigInt(EPOCH))

    await t.devnet.increaseTime(EPOCH) // now in epoch n+1: still not claimable
    expect(await t.view<bigint>(vault, 'currentEpoch')).toBe(n + 1n)
    await expect(
      simulateClaimFromVault(t.devnet.publicClient, { vault, epoch: bucket, account }),
    ).rejects.toThrow(EpochNotClaimableError)
    // the contract's InvalidEpoch revert decodes into the same typed error
    const decoded = await simulateWrite(t.devnet.publicClient, {
      account,
      address: vault,
      abi: symbioticVaultAbi,
      functionName: 'claim',
      args: [address, bucket],
      contract: 'Vault',
      mapper: symbioticRevertMapper({
        vault,
        account: address,
        epochs: [bucket],
        currentEpoch: n + 1n,
        claimableAt: (e) => init + (e + 1n) * BigInt(EPOCH),
      }),
    }).catch((e) => e)
    expect(decoded).toBeInstanceOf(EpochNotClaimableError)
    expect(decoded.claimableAt).toBe(early.claimableAt)

    await t.devnet.increaseTime(EPOCH)
    const sim = await simulateClaimFromVault(t.devnet.publicClient, { vault, epoch: bucket, account })
    expect(sim.amount).toBe(parseEther('2'))
    expect(sim.result).toBe(parseEther('2'))
    const hash = await wallet.restaking.symbiotic.claimFromVault({ vault, epoch: bucket })
    const { events } = await waitForClaimFromVault(t.devnet.publicClient, hash)
    expect(events.find((e) => e.eventName === 'Claim')?.args).toEqual({
      claimer: address,
      recipient: address,
      epoch: bucket,
      amount: parseEther('2'),
    })
    expect(await t.balanceOf(weth, address)).toBe(parseEther('2'))
    expect(await t.view<boolean>(vault, 'isWithdrawalsClaimed', [bucket, address])).toBe(true)

    const again = await claimFromVault(wallet, { vault, epoch: bucket }).catch((e) => e)
    expect(again).toBeInstanceOf(AlreadyClaimedError)
    expect(again.epoch).toBe(bucket)
  })

  test('batch claim (claimBatch) of several epochs, FullRestake vault; claim-all finds them', async () => {
    const { vault, address, account, wallet } = await setup(900n, 1)
    const n = await t.view<bigint>(vault, 'currentEpoch')
    await t.mined(withdraw(wallet, { vault, amount: 100n }))
    await t.devnet.increaseTime(EPOCH)
    await t.mined(withdraw(wallet, { vault, amount: 200n }))
    await t.devnet.increaseTime(EPOCH)
    await t.mined(withdraw(wallet, { vault, amount: 300n }))
    await t.devnet.increaseTime(EPOCH * 2) // current n+4: n+1..n+3 claimable

    const position = await getVaultPosition(t.devnet.publicClient, { vault, account: address })
    expect(position.currentEpoch).toBe(n + 4n)
    expect(position.claimableEpochs).toEqual([n + 1n, n + 2n, n + 3n])
    expect(position.claimable).toBe(600n)

    // explicit epochs → claimBatch
    const sim = await simulateClaimFromVault(t.devnet.publicClient, {
      vault,
      epochs: [n + 1n, n + 2n],
      account,
    })
    expect(sim.request.functionName).toBe('claimBatch')
    expect(sim.amount).toBe(300n)
    const hash = await claimFromVault(wallet, { vault, epochs: [n + 1n, n + 2n] })
    const { events } = await waitForClaimFromVault(t.devnet.publicClient, hash)
    const batch = events.find((e) => e.eventName === 'ClaimBatch')
    expect(batch?.args.epochs).toEqual([n + 1n, n + 2n])
    expect(batch?.args.amount).toBe(300n)
    expect(await t.balanceOf(t.devnet.deployments.tokens.weth, address)).toBe(300n)

    // claim-all: only n+3 is left
    const all = await simulateClaimFromVault(t.devnet.publicClient, { vault, account })
    expect(all.epochs).toEqual([n + 3n])
    expect(all.request.functionName).toBe('claim')
    await waitForClaimFromVault(t.devnet.publicClient, await claimFromVault(wallet, { vault }))
    expect(await t.balanceOf(t.devnet.deployments.tokens.weth, address)).toBe(600n)
    await expect(claimFromVault(wallet, { vault })).rejects.toThrow(NothingToClaimError)
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [address])).toBe(300n)
  })

  test('claim-all batches every claimable epoch in one claimBatch', async () => {
    const { vault, address, wallet } = await setup(30n)
    await t.mined(withdraw(wallet, { vault, amount: 10n }))
    await t.devnet.increaseTime(EPOCH)
    await t.mined(withdraw(wallet, { vault, amount: 20n }))
    await t.devnet.increaseTime(EPOCH * 3)
    const { events } = await waitForClaimFromVault(
      t.devnet.publicClient,
      await claimFromVault(wallet, { vault }),
    )
    expect(events.find((e) => e.eventName === 'ClaimBatch')?.args.amount).toBe(30n)
    expect(await t.balanceOf(t.devnet.deployments.tokens.weth, address)).toBe(30n)
  })

  test('an epoch with nothing in it, duplicates and both epoch forms are refused', async () => {
    const { vault, wallet } = await setup(10n)
    await t.devnet.increaseTime(EPOCH * 2)
    const error = await claimFromVault(wallet, { vault, epoch: 0n }).catch((e) => e)
    expect(error).toBeInstanceOf(NothingToClaimError)
    expect(error.epochs).toEqual([0n])
    await expect(claimFromVault(wallet, { vault, epochs: [0n, 0n] })).rejects.toThrow(InvalidParameterError)
    await expect(claimFromVault(wallet, { vault, epoch: 0n, epochs: [1n] })).rejects.toThrow(
      InvalidParameterError,
    )
  })

  test('prepareClaimFromVault: claim for one epoch, claimBatch for several', () => {
    const vault = '0x1111111111111111111111111111111111111111'
    const recipient = '0x3333333333333333333333333333333333333333'
    const [one] = prepareClaimFromVault({ vault, recipient, epoch: 4n })
    expect(decodeFunctionData({ abi: symbioticVaultAbi, data: one!.data })).toEqual({
      functionName: 'claim',
      args: [recipient, 4n],
    })
    const [many] = prepareClaimFromVault({ vault, recipient, epochs: [4n, 5n] })
    expect(decodeFunctionData({ abi: symbioticVaultAbi, data: many!.data })).toEqual({
      functionName: 'claimBatch',
      args: [recipient, [4n, 5n]],
    })
    expect(() => prepareClaimFromVault({ vault, recipient, epochs: [] })).toThrow(InvalidParameterError)
  })
})
