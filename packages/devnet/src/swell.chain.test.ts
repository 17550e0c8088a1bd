// The Swell rswETH doubles, driven with raw viem calls (no SDK): deposits at the stored rate, the bot's
// reprice, the rswEXIT withdrawal NFT (create → process at a rate → finalize by the NFT's owner).
import { type Abi, type Address, erc20Abi, parseAbi, parseEther, toFunctionSelector } from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import { haveEigenLayer, swellProcessWithdrawals, swellReprice, swellRestake } from './index.js'
import { artifact } from './solidity.js'
import {
  delegationReadAbi as delegationAbi,
  referenceAbi,
  fragmentSignature as sig,
  useLrtDevnet,
} from './test/lrt.js'

const ref = (name: string) => referenceAbi('swell', name)

/** Wiring hooks and devnet steps of the doubles, absent from Swell (it uses roles). */
const hooks = new Set(['setModule', 'sendToModule', 'payExit', 'admin', 'module'])

describe('Swell doubles: every fragment is in the reference ABI', () => {
  for (const [double, name] of [
    ['SwellDoubleRswETH', 'RswETH'],
    ['SwellDoubleRswEXIT', 'RswEXIT'],
    ['SwellDoubleAccessControlManager', 'IAccessControlManager'],
  ] as const) {
    test(`${double} ⊂ ${name}.json`, () => {
      const reference = new Set(ref(name).map(sig))
      const own = artifact(double).abi.filter(
        (f) =>
          (f.type === 'function' || f.type === 'event' || f.type === 'error') &&
          !hooks.has(f.name) &&
          // OpenZeppelin 5's custom errors (Swell's OpenZeppelin 4.8 reverts with strings)
          !(f.type === 'error' && (f.name.startsWith('ERC20') || f.name.startsWith('ERC721'))),
      )
      expect(own.length).toBeGreaterThan(3)
      expect(own.map(sig).filter((s) => !reference.has(s))).toEqual([])
    })
  }
  test('the staker selectors are Swell’s', () => {
    expect(toFunctionSelector('deposit()')).toBe('0xd0e30db0')
    expect(toFunctionSelector('createWithdrawRequest(uint256)')).toBe(
      toFunctionSelector(
        ref('RswEXIT').find((f) => f.type === 'function' && f.name === 'createWithdrawRequest') as never,
      ),
    )
  })
})

const rswAbi = parseAbi([
  'function deposit() payable',
  'function rswETHToETHRate() view returns (uint256)',
  'function ethToRswETHRate() view returns (uint256)',
  'function totalSupply() view returns (uint256)',
])
const exitAbi = parseAbi([
  'function createWithdrawRequest(uint256 amount)',
  'function finalizeWithdrawal(uint256 tokenId)',
  'function ownerOf(uint256) view returns (address)',
  'function getLastTokenIdCreated() view returns (uint256)',
  'function getProcessedRateForTokenId(uint256) view returns (bool isProcessed, uint256 processedRate)',
  'function transferFrom(address from, address to, uint256 tokenId)',
  'error WithdrawRequestTooSmall(uint256 amount, uint256 minimum)',
  'error WithdrawalRequestNotProcessed()',
  'error WithdrawalRequestFinalizationOnlyAllowedForNFTOwner()',
])

describe.skipIf(!haveEigenLayer())('Swell doubles on the devnet (raw calls)', () => {
  const t = useLrtDevnet({ swell: true })
  let devnet: typeof t.devnet
  beforeAll(() => {
    devnet = t.devnet
  })
  const s = () => devnet.deployments.swell
  const { pc } = t
  const send = async (
    from: Address,
    to: Address,
    abi: Abi,
    functionName: string,
    args: unknown[],
    value?: bigint,
  ) => {
    const hash = await devnet.walletClient(from).writeContract({
      address: to,
      abi,
      functionName,
      args,
      ...(value ? { value } : {}),
    } as never)
    return pc().waitForTransactionReceipt({ hash })
  }
  const read = <T = never>(address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
    pc().readContract({ address, abi, functionName, args } as never) as Promise<T>

  test('deposit at the stored rate; reprice moves it; an NFT request is processed at a rate and finalized at the lesser rate by its owner', async () => {
    const a = await devnet.newAccount()
    const b = await devnet.newAccount()
    await send(a.address, s().rswETH, rswAbi, 'deposit', [], parseEther('2'))
    expect(await read(s().rswETH, erc20Abi, 'balanceOf', [a.address])).toBe(parseEther('2'))
    // the bot reprices: 2 ETH of reserves and 0.2 ETH of rewards over 2 rswETH
    await swellReprice(devnet.context, s(), parseEther('2'), parseEther('0.2'), parseEther('2'))
    const rate: bigint = await read(s().rswETH, rswAbi, 'rswETHToETHRate')
    expect(rate).toBe(parseEther('1.1'))
    await send(b.address, s().rswETH, rswAbi, 'deposit', [], parseEther('1.1'))
    expect(await read(s().rswETH, erc20Abi, 'balanceOf', [b.address])).toBe(
      (parseEther('1.1') * (await read<bigint>(s().rswETH, rswAbi, 'ethToRswETHRate'))) / 10n ** 18n,
    )

    await send(a.address, s().rswETH, erc20Abi, 'approve', [s().rswEXIT, parseEther('2')])
    await expect(
      pc().simulateContract({
        account: a.address,
        address: s().rswEXIT,
        abi: exitAbi,
        functionName: 'createWithdrawRequest',
        args: [1000n],
      }),
    ).rejects.toThrow(/WithdrawRequestTooSmall/)
    await send(a.address, s().rswEXIT, exitAbi, 'createWithdrawRequest', [parseEther('1')])
    const id: bigint = await read(s().rswEXIT, exitAbi, 'getLastTokenIdCreated')
    expect(id).toBe(1n)
    expect(await read(s().rswEXIT, exitAbi, 'ownerOf', [id])).toBe(a.address)
    expect(await read(s().rswEXIT, exitAbi, 'getProcessedRateForTokenId', [id])).toEqual([false, 0n])
    await expect(
      pc().simulateContract({
        account: a.address,
        address: s().rswEXIT,
        abi: exitAbi,
        functionName: 'finalizeWithdrawal',
        args: [id],
      }),
    ).rejects.toThrow(/WithdrawalRequestNotProcessed/)
    // a loss repriced in before processing: the processed rate is below the rate when created
    const supply: bigint = await read(s().rswETH, rswAbi, 'totalSupply')
    await swellReprice(devnet.context, s(), (supply * parseEther('1.05')) / 10n ** 18n, 0n, supply)
    await swellProcessWithdrawals(devnet.context, s(), id)
    const [processed, processedRate] = await read<[boolean, bigint]>(
      s().rswEXIT,
      exitAbi,
      'getProcessedRateForTokenId',
      [id],
    )
    expect(processed).toBe(true)
    expect(processedRate).toBeLessThan(rate)
    // the NFT moves: only its owner finalizes
    await send(a.address, s().rswEXIT, exitAbi, 'transferFrom', [a.address, b.address, id])
    await expect(
      pc().simulateContract({
        account: a.address,
        address: s().rswEXIT,
        abi: exitAbi,
        functionName: 'finalizeWithdrawal',
        args: [id],
      }),
    ).rejects.toThrow(/WithdrawalRequestFinalizationOnlyAllowedForNFTOwner/)
    const before = await pc().getBalance({ address: b.address })
    const r = await send(b.address, s().rswEXIT, exitAbi, 'finalizeWithdrawal', [id])
    const gas = r.gasUsed * r.effectiveGasPrice
    expect((await pc().getBalance({ address: b.address })) - before + gas).toBe(
      (parseEther('1') * processedRate) / 10n ** 18n,
    )
  })

  test('the module restakes the stand-in into EigenLayer, delegated to the operator', async () => {
    await swellRestake(devnet.context, s(), parseEther('1'), (to, amount) =>
      devnet.fund(to, { tokens: { [s().standIn]: amount } }),
    )
    const el = devnet.deployments.eigenlayer
    const module = s().modules[0]!
    expect(await read(el.delegationManager, delegationAbi, 'delegatedTo', [module])).toBe(s().operator)
    const [withdrawable] = await read<[bigint[], bigint[]]>(
      el.delegationManager,
      delegationAbi,
      'getWithdrawableShares',
      [module, [s().strategy]],
    )
    expect(withdrawable[0]).toBeGreaterThan(0n)
  })
})
