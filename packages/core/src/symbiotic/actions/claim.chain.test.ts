import { decodeFunctionData, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidParameterError, WithdrawalNotReadyError } from '../../errors.js'
import { simulateWrite } from '../../kit/index.js'
import { symbioticVaultAbi } from '../abis.js'
import { AlreadyClaimedError, NothingToClaimError, symbioticRevertMapper } from '../errors.js'
import { useSymbioticDevnet } from '../test/helpers.js'
import { claim, prepareClaim, simulateClaim, waitForClaim } from './claim.js'
import { getPosition } from './getPosition.js'
import { withdraw } from './withdraw.js'

const t = useSymbioticDevnet()
const EPOCH = 3600

describe('claim', () => {
  test('one epoch: not ready until the epoch after the bucket, then the collateral comes back', async () => {
    const { vault, address, account, wallet } = await t.staked(parseEther('2'), { epochDuration: EPOCH })
    const n = await t.view<bigint>(vault, 'currentEpoch')
    await t.mined(withdraw(wallet, { vault, amount: parseEther('2') }))
    const bucket = n + 1n
    const init = BigInt(await t.view<number>(vault, 'epochDurationInit'))
    const readyAt = { timestamp: init + (bucket + 1n) * BigInt(EPOCH) }

    const nonce = await t.nonce(address)
    const early = await claim(wallet, { vault, epoch: bucket }).catch((e) => e)
    expect(early).toBeInstanceOf(WithdrawalNotReadyError)
    expect(early.name).toBe('WithdrawalNotReadyError')
    expect(early.protocol).toBe('symbiotic')
    expect(early.id).toBe(bucket)
    expect(early.location).toBe(vault)
    expect(early.readyAt).toEqual(readyAt)
    expect(await t.nonce(address)).toBe(nonce)

    await t.devnet.increaseTime(EPOCH) // now in epoch n+1: still not claimable
    expect(await t.view<bigint>(vault, 'currentEpoch')).toBe(n + 1n)
    await expect(simulateClaim(t.devnet.publicClient, { vault, epoch: bucket, account })).rejects.toThrow(
      WithdrawalNotReadyError,
    )
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
        readyAt: (e) => init + (e + 1n) * BigInt(EPOCH),
      }),
    }).catch((e) => e)
    expect(decoded).toBeInstanceOf(WithdrawalNotReadyError)
    expect(decoded.readyAt).toEqual(early.readyAt)
    expect(decoded.id).toBe(bucket)

    await t.devnet.increaseTime(EPOCH)
    const sim = await simulateClaim(t.devnet.publicClient, { vault, epoch: bucket, account })
    expect(sim.amount).toBe(parseEther('2'))
    expect(sim.result).toBe(parseEther('2'))
    expect(sim.epochs).toEqual([bucket])
    const hash = await wallet.restaking.symbiotic.claim({ vault, epoch: bucket })
    const { events, claimed } = await waitForClaim(t.devnet.publicClient, hash)
    expect(events.find((e) => e.eventName === 'Claim')?.args).toEqual({
      claimer: address,
      recipient: address,
      epoch: bucket,
      amount: parseEther('2'),
    })
    expect(claimed).toEqual({ epochs: [bucket], amount: parseEther('2') })
    expect(await t.balanceOf(t.weth, address)).toBe(parseEther('2'))
    expect(await t.view<boolean>(vault, 'isWithdrawalsClaimed', [bucket, address])).toBe(true)

    const again = await claim(wallet, { vault, epoch: bucket }).catch((e) => e)
    expect(again).toBeInstanceOf(AlreadyClaimedError)
    expect(again.epoch).toBe(bucket)
  })

  test('batch claim (claimBatch) of several epochs, FullRestake vault; claim-all finds them', async () => {
    const { vault, address, account, wallet } = await t.staked(900n, {
      epochDuration: EPOCH,
      delegatorType: 1,
    })
    const n = await t.view<bigint>(vault, 'currentEpoch')
    await t.mined(withdraw(wallet, { vault, amount: 100n }))
    await t.devnet.increaseTime(EPOCH)
    await t.mined(withdraw(wallet, { vault, amount: 200n }))
    await t.devnet.increaseTime(EPOCH)
    await t.mined(withdraw(wallet, { vault, amount: 300n }))
    await t.devnet.increaseTime(EPOCH * 2) // current n+4: n+1..n+3 claimable

    const position = await getPosition(t.devnet.publicClient, { vault, staker: address })
    expect(position.currentEpoch).toBe(n + 4n)
    expect(position.claimableEpochs).toEqual([n + 1n, n + 2n, n + 3n])
    expect(position.claimable).toBe(600n)

    // explicit epochs → claimBatch
    const sim = await simulateClaim(t.devnet.publicClient, { vault, epochs: [n + 1n, n + 2n], account })
    expect(sim.request.functionName).toBe('claimBatch')
    expect(sim.amount).toBe(300n)
    const hash = await claim(wallet, { vault, epochs: [n + 1n, n + 2n] })
    const { events, claimed } = await waitForClaim(t.devnet.publicClient, hash)
    const batch = events.find((e) => e.eventName === 'ClaimBatch')
    expect(batch?.args.epochs).toEqual([n + 1n, n + 2n])
    expect(batch?.args.amount).toBe(300n)
    expect(claimed).toEqual({ epochs: [n + 1n, n + 2n], amount: 300n })
    expect(await t.balanceOf(t.weth, address)).toBe(300n)

    // claim-all: only n+3 is left
    const all = await simulateClaim(t.devnet.publicClient, { vault, account })
    expect(all.epochs).toEqual([n + 3n])
    expect(all.amount).toBe(300n)
    expect(all.request.functionName).toBe('claim')
    await waitForClaim(t.devnet.publicClient, await claim(wallet, { vault }))
    expect(await t.balanceOf(t.weth, address)).toBe(600n)
    const nonce = await t.nonce(address)
    await expect(claim(wallet, { vault })).rejects.toThrow(NothingToClaimError)
    expect(await t.nonce(address)).toBe(nonce)
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [address])).toBe(300n)
  })

  test('claim-all batches every claimable epoch in one claimBatch', async () => {
    const { vault, address, account, wallet } = await t.staked(30n, { epochDuration: EPOCH })
    const n = await t.view<bigint>(vault, 'currentEpoch')
    await t.mined(withdraw(wallet, { vault, amount: 10n }))
    await t.devnet.increaseTime(EPOCH)
    await t.mined(withdraw(wallet, { vault, amount: 20n }))
    await t.devnet.increaseTime(EPOCH * 3) // current n+4; buckets n+1 (10) and n+2 (20) claimable
    // the scan reaches `lookback` epochs back: 1 sees only n+3 (empty), 2 sees n+2
    await expect(simulateClaim(t.devnet.publicClient, { vault, account, lookback: 1 })).rejects.toThrow(
      NothingToClaimError,
    )
    const recent = await simulateClaim(t.devnet.publicClient, { vault, account, lookback: 2 })
    expect([recent.epochs, recent.amount]).toEqual([[n + 2n], 20n])
    const { events, claimed } = await waitForClaim(t.devnet.publicClient, await claim(wallet, { vault }))
    expect(events.find((e) => e.eventName === 'ClaimBatch')?.args.amount).toBe(30n)
    expect(claimed.amount).toBe(30n)
    expect(claimed.epochs).toHaveLength(2)
    expect(await t.balanceOf(t.weth, address)).toBe(30n)
  })

  test('a claim to another receiver pays the receiver', async () => {
    const { vault, address, wallet } = await t.staked(40n, { epochDuration: EPOCH })
    const n = await t.view<bigint>(vault, 'currentEpoch')
    await t.mined(withdraw(wallet, { vault, amount: 40n }))
    await t.devnet.increaseTime(EPOCH * 2)
    const receiver = t.devnet.accounts[7]!.address
    const before = await t.balanceOf(t.weth, receiver)
    const { events } = await waitForClaim(
      t.devnet.publicClient,
      await claim(wallet, { vault, epoch: n + 1n, receiver }),
    )
    expect(events.find((e) => e.eventName === 'Claim')?.args).toMatchObject({
      claimer: address,
      recipient: receiver,
    })
    expect((await t.balanceOf(t.weth, receiver)) - before).toBe(40n)
    expect(await t.balanceOf(t.weth, address)).toBe(0n)
  })

  test('an epoch with nothing in it, duplicates and both epoch forms are refused before sending', async () => {
    const { vault, address, wallet } = await t.staked(10n, { epochDuration: EPOCH })
    await t.devnet.increaseTime(EPOCH * 2)
    const nonce = await t.nonce(address)
    const error = await claim(wallet, { vault, epoch: 0n }).catch((e) => e)
    expect(error).toBeInstanceOf(NothingToClaimError)
    expect(error.epochs).toEqual([0n])
    await expect(claim(wallet, { vault, epochs: [0n, 0n] })).rejects.toThrow(InvalidParameterError)
    await expect(claim(wallet, { vault, epoch: 0n, epochs: [1n] })).rejects.toThrow(InvalidParameterError)
    await expect(claim(wallet, { vault, lookback: -1 })).rejects.toThrow(/lookback/)
    expect(await t.nonce(address)).toBe(nonce)
  })

  test('prepareClaim: claim for one epoch, claimBatch for several', () => {
    const vault = '0x1111111111111111111111111111111111111111'
    const receiver = '0x3333333333333333333333333333333333333333'
    const [one] = prepareClaim({ vault, receiver, epoch: 4n })
    expect(decodeFunctionData({ abi: symbioticVaultAbi, data: one!.data })).toEqual({
      functionName: 'claim',
      args: [receiver, 4n],
    })
    const many = prepareClaim({ vault, receiver, epochs: [4n, 5n] })
    expect(Object.isFrozen(many) && Object.isFrozen(many[0])).toBe(true)
    expect(decodeFunctionData({ abi: symbioticVaultAbi, data: many[0]!.data })).toEqual({
      functionName: 'claimBatch',
      args: [receiver, [4n, 5n]],
    })
    expect(() => prepareClaim({ vault, receiver, epochs: [] })).toThrow(InvalidParameterError)
    // prepare reads nothing: it cannot find the claimable epochs itself
    expect(() => prepareClaim({ vault, receiver })).toThrow(/epoch/)
  })
})
