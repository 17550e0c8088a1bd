// The ether.fi doubles, driven with raw viem calls (no SDK): deposits and the rate, weETH wrapping,
// withdrawal requests through the NFT (approval to the pool first), finalization by the admin, claims
// (isFinalized stays true, the request is no longer valid), instant redemption in both forms, and
// the node's real EigenLayer position.
import {
  type Abi,
  type Address,
  erc20Abi,
  type Hex,
  parseAbi,
  parseEther,
  parseEventLogs,
  toFunctionSelector,
} from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  ETHERFI_ETH_ADDRESS,
  etherfiFinalize,
  etherfiRebase,
  etherfiRestake,
  haveEigenLayer,
} from './index.js'
import { artifact } from './solidity.js'
import {
  delegationReadAbi as delegationAbi,
  referenceAbi,
  fragmentSignature as sig,
  useLrtDevnet,
} from './test/lrt.js'

const ref = (name: string) => referenceAbi('etherfi', name)

describe('ether.fi doubles: every fragment is in the reference ABI', () => {
  // one-time wiring and devnet hooks of the doubles, absent from ether.fi (it uses an initializer,
  // a RoleRegistry for roles, and validators for restaking)
  const hooks = new Set(['setLiquidityPool', 'setWithdrawalContracts', 'sendToNode', 'admin'])
  const cases: [string, string, { errors?: boolean }][] = [
    ['EtherFiDoubleLiquidityPool', 'LiquidityPool', {}],
    ['EtherFiDoubleEETH', 'EETH', {}],
    ['EtherFiDoubleWeETH', 'WeETH', {}],
    ['EtherFiDoubleWithdrawRequestNFT', 'WithdrawRequestNFT', {}],
    // roles: ether.fi checks them through its RoleRegistry; the double reverts IncorrectCaller
    ['EtherFiDoubleRedemptionManager', 'EtherFiRedemptionManager', { errors: false }],
    ['EtherFiDoubleRedemptionManager', 'EtherFiRedemptionManager.v2026-03', { errors: false }],
    // the 2025-03 sources revert with strings: the reference has no custom errors
    ['EtherFiDoubleRedemptionManagerV2025', 'EtherFiRedemptionManager.v2025-03', { errors: false }],
  ]
  for (const [double, name, opts] of cases) {
    test(`${double} ⊂ ${name}.json`, () => {
      const reference = new Set(ref(name).map(sig))
      const own = artifact(double).abi.filter(
        (f) =>
          (f.type === 'function' || f.type === 'event' || (f.type === 'error' && opts.errors !== false)) &&
          !hooks.has(f.name) &&
          !f.name.startsWith('ERC20') &&
          !f.name.startsWith('ERC721'),
      )
      expect(own.length).toBeGreaterThan(5)
      const missing = own.map(sig).filter((s) => !reference.has(s))
      expect(missing).toEqual([])
    })
  }
  test('the staker selectors are the reference README’s', () => {
    const pool = artifact('EtherFiDoubleLiquidityPool').abi
    const has = (abi: Abi, selector: Hex) =>
      abi.some((f) => f.type === 'function' && toFunctionSelector(f) === selector)
    expect(has(pool, '0x397a1b28')).toBe(true) // requestWithdraw(address,uint256)
    expect(has(artifact('EtherFiDoubleWithdrawRequestNFT').abi, '0xb13acedd')).toBe(true) // claimWithdraw
    const rm = artifact('EtherFiDoubleRedemptionManager').abi
    const rm25 = artifact('EtherFiDoubleRedemptionManagerV2025').abi
    expect([has(rm, '0x6dcc078e'), has(rm, '0x50cd3742'), has(rm, '0x77040173')]).toEqual([true, true, false])
    expect([has(rm25, '0x77040173'), has(rm25, '0xd3714d82'), has(rm25, '0x6dcc078e')]).toEqual([
      true,
      true,
      false,
    ])
  })
})

const nftAbi = parseAbi([
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function isFinalized(uint256 requestId) view returns (bool)',
  'function getRequest(uint256 requestId) view returns ((uint96 amountOfEEth, uint96 shareOfEEth, bool isValid, uint32 feeGwei))',
  'function getClaimableAmount(uint256 tokenId) view returns (uint256)',
  'function claimWithdraw(uint256 tokenId)',
  'function batchClaimWithdraw(uint256[] tokenIds)',
  'function finalizeRequests(uint256 requestId)',
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
  'event WithdrawRequestCreated(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner)',
  'error RequestNotFinalized()',
  'error IncorrectCaller()',
])

describe.skipIf(!haveEigenLayer())('ether.fi doubles on the devnet (raw calls)', () => {
  const t = useLrtDevnet({ etherfi: true })
  let devnet: typeof t.devnet
  beforeAll(() => {
    devnet = t.devnet
  })

  test('deposit, rebase, wrap, request (approval first), finalize, claim, redeem, restake', async () => {
    const ef = devnet.deployments.etherfi
    const pc = devnet.publicClient
    // the pool's ABI with eETH's errors (a revert inside eETH's transferFrom decodes)
    const pool = [
      ...artifact('EtherFiDoubleLiquidityPool').abi,
      ...artifact('EtherFiDoubleEETH').abi.filter((f) => f.type === 'error'),
    ] as Abi
    const weeth = artifact('EtherFiDoubleWeETH').abi
    const user = await devnet.newAccount()
    const other = await devnet.newAccount()
    const w = devnet.walletClient(user)
    const ok = async (hash: Hex) => {
      const r = await pc.waitForTransactionReceipt({ hash })
      expect(r.status).toBe('success')
      return r
    }
    const bal = (token: Address, who: Address) =>
      pc.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] })
    const read = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
      pc.readContract({ address, abi, functionName, args } as never) as Promise<T>

    expect(await read(ef.eETH, erc20Abi, 'symbol')).toBe('eETH')
    expect(await read(ef.weETH, erc20Abi, 'symbol')).toBe('weETH')
    await ok(
      await w.writeContract({
        address: ef.liquidityPool,
        abi: pool,
        functionName: 'deposit',
        args: [],
        value: parseEther('10'),
      }),
    )
    expect(await bal(ef.eETH, user.address)).toBe(parseEther('10'))
    // a reward report: 1 ETH accrued out of the LP, the eETH balance rebases to 11
    await etherfiRebase(devnet.context, ef, parseEther('1'))
    expect(await bal(ef.eETH, user.address)).toBe(parseEther('11'))
    expect(await read(ef.weETH, weeth, 'getRate')).toBe(parseEther('1.1'))

    // wrap 5.5 eETH (approved to weETH) into 5 weETH
    await ok(
      await w.writeContract({
        address: ef.eETH,
        abi: erc20Abi,
        functionName: 'approve',
        args: [ef.weETH, parseEther('5.5')],
      }),
    )
    await ok(
      await w.writeContract({
        address: ef.weETH,
        abi: weeth,
        functionName: 'wrap',
        args: [parseEther('5.5')],
      }),
    )
    expect(await bal(ef.weETH, user.address)).toBe(parseEther('5'))
    expect(await bal(ef.eETH, user.address)).toBe(parseEther('5.5'))

    // requestWithdraw pulls eETH with the caller's allowance to the LiquidityPool: none yet → reverts
    const amount = parseEther('2.2')
    await expect(
      pc.simulateContract({
        account: user,
        address: ef.liquidityPool,
        abi: pool,
        functionName: 'requestWithdraw',
        args: [user.address, amount],
      }),
    ).rejects.toThrow(/TransferAmountExceedsAllowance/)
    await ok(
      await w.writeContract({
        address: ef.eETH,
        abi: erc20Abi,
        functionName: 'approve',
        args: [ef.liquidityPool, amount],
      }),
    )
    const receipt = await ok(
      await w.writeContract({
        address: ef.liquidityPool,
        abi: pool,
        functionName: 'requestWithdraw',
        args: [user.address, amount],
      }),
    )
    // the request id comes from the NFT (its mint and WithdrawRequestCreated), not from a pool event
    const logs = parseEventLogs({ abi: nftAbi, logs: receipt.logs }).filter(
      (l) => l.address.toLowerCase() === ef.withdrawRequestNFT.toLowerCase(),
    )
    const minted = logs.find((l) => l.eventName === 'Transfer')
    const created = logs.find((l) => l.eventName === 'WithdrawRequestCreated')
    const id = (minted?.args as { tokenId: bigint } | undefined)?.tokenId ?? 0n
    expect(id).toBe(1n)
    expect(created?.args).toEqual({
      requestId: 1,
      amountOfEEth: amount,
      shareOfEEth: parseEther('2'),
      owner: user.address,
    })
    expect(await read(ef.withdrawRequestNFT, nftAbi, 'ownerOf', [id])).toBe(user.address)
    expect(await read(ef.withdrawRequestNFT, nftAbi, 'isFinalized', [id])).toBe(false)
    await expect(read(ef.withdrawRequestNFT, nftAbi, 'getClaimableAmount', [id])).rejects.toThrow(
      /RequestNotFinalized/,
    )

    // only the admin finalizes; the payout is frozen then (a later reward does not raise it)
    await expect(
      pc.simulateContract({
        account: user,
        address: ef.withdrawRequestNFT,
        abi: nftAbi,
        functionName: 'finalizeRequests',
        args: [id],
      }),
    ).rejects.toThrow(/IncorrectCaller/)
    await etherfiFinalize(devnet.context, ef, id)
    await etherfiRebase(devnet.context, ef, parseEther('1'))
    expect(await read(ef.withdrawRequestNFT, nftAbi, 'getClaimableAmount', [id])).toBe(amount)
    await expect(
      pc.simulateContract({
        account: other,
        address: ef.withdrawRequestNFT,
        abi: nftAbi,
        functionName: 'claimWithdraw',
        args: [id],
      }),
    ).rejects.toThrow(/IncorrectCaller/)
    const before = await pc.getBalance({ address: user.address })
    const claim = await ok(
      await w.writeContract({
        address: ef.withdrawRequestNFT,
        abi: nftAbi,
        functionName: 'claimWithdraw',
        args: [id],
      }),
    )
    expect(await pc.getBalance({ address: user.address })).toBe(
      before + amount - claim.gasUsed * claim.effectiveGasPrice,
    )
    // the trap: isFinalized stays true after the claim; the request is no longer valid and the NFT is burnt
    expect(await read(ef.withdrawRequestNFT, nftAbi, 'isFinalized', [id])).toBe(true)
    expect(
      (await read<{ isValid: boolean }>(ef.withdrawRequestNFT, nftAbi, 'getRequest', [id])).isValid,
    ).toBe(false)
    await expect(read(ef.withdrawRequestNFT, nftAbi, 'ownerOf', [id])).rejects.toThrow()

    // instant redemption, HEAD form: ETH out less the exit fee, the treasury's cut in eETH
    const rm = artifact('EtherFiDoubleRedemptionManager').abi
    const redeem = parseEther('1')
    const shares = await read<bigint>(ef.liquidityPool, pool, 'sharesForAmount', [redeem])
    const preview = await read<bigint>(ef.redemptionManager, rm, 'previewRedeem', [
      shares,
      ETHERFI_ETH_ADDRESS,
    ])
    expect(preview).toBeLessThan(redeem)
    await ok(
      await w.writeContract({
        address: ef.eETH,
        abi: erc20Abi,
        functionName: 'approve',
        args: [ef.redemptionManager, redeem],
      }),
    )
    const ethBefore = await pc.getBalance({ address: other.address })
    const r1 = await ok(
      await w.writeContract({
        address: ef.redemptionManager,
        abi: rm,
        functionName: 'redeemEEth',
        args: [redeem, other.address, ETHERFI_ETH_ADDRESS],
      }),
    )
    expect(await pc.getBalance({ address: other.address })).toBe(ethBefore + preview)
    const redeemed = parseEventLogs({ abi: rm, logs: r1.logs, eventName: 'Redeemed' })[0]
      ?.args as unknown as Record<string, unknown>
    expect(redeemed).toMatchObject({
      receiver: other.address,
      redemptionAmount: preview,
      token: ETHERFI_ETH_ADDRESS,
    })
    expect(await bal(ef.eETH, ef.treasury)).toBeGreaterThan(0n)
    // a non-ETH output token is refused
    await expect(
      pc.simulateContract({
        account: user,
        address: ef.redemptionManager,
        abi: rm,
        functionName: 'redeemEEth',
        args: [1n, user.address, ef.weETH],
      }),
    ).rejects.toThrow(/InvalidOutputToken/)

    // the 2025-03 form: two-argument redeemWeEth, a four-field Redeemed
    const rm25 = artifact('EtherFiDoubleRedemptionManagerV2025').abi
    await ok(
      await w.writeContract({
        address: ef.weETH,
        abi: erc20Abi,
        functionName: 'approve',
        args: [ef.redemptionManagerV2025, parseEther('1')],
      }),
    )
    const r2 = await ok(
      await w.writeContract({
        address: ef.redemptionManagerV2025,
        abi: rm25,
        functionName: 'redeemWeEth',
        args: [parseEther('1'), user.address],
      }),
    )
    const old = parseEventLogs({ abi: rm25, logs: r2.logs, eventName: 'Redeemed' })[0]
      ?.args as unknown as Record<string, unknown>
    expect(Object.keys(old)).toEqual([
      'receiver',
      'redemptionAmount',
      'feeAmountToTreasury',
      'feeAmountToStakers',
    ])
    expect(await bal(ef.weETH, user.address)).toBe(parseEther('4'))

    // restaking: ETH leaves the LP for the node (the rate is unchanged), the stand-in is restaked for real
    const rate = await read<bigint>(ef.weETH, weeth, 'getRate')
    await etherfiRestake(devnet.context, ef, parseEther('3'))
    expect(await read(ef.weETH, weeth, 'getRate')).toBe(rate)
    const node = ef.nodes[0]!
    expect(await pc.getBalance({ address: node })).toBe(parseEther('3'))
    const dm = devnet.deployments.eigenlayer.delegationManager
    expect(await read(dm, delegationAbi, 'delegatedTo', [node])).toBe(ef.operator)
    const [withdrawable] = await read<[bigint[], bigint[]]>(dm, delegationAbi, 'getWithdrawableShares', [
      node,
      [ef.strategy],
    ])
    expect(withdrawable[0]).toBeGreaterThan(0n)
  })
})
