// What one lens call costs: the gas `getPositions` needs per vault (distinct vaults, read cold as a
// fresh eth_call reads them), found by bisecting its `gas` option. The default chunk of 100 vaults
// must fit under the 30M gas a default anvil or geth node allows one eth_call (geth: 50M).
import { expect, test } from 'vitest'
import { useSymbioticDevnet } from '../test/helpers.js'
import { getPositions } from './getPositions.js'

const t = useSymbioticDevnet()
const EPOCH = 3600

test('the lens needs under 300k gas per vault: 100 vaults (the default chunk) fit in one eth_call', async () => {
  const { vault, address } = await t.staked(10n, { epochDuration: EPOCH })
  const others: (typeof vault)[] = []
  for (let i = 0; i < 3; i++) others.push((await t.staked(10n, { epochDuration: EPOCH })).vault)
  for (let i = 0; i < 20; i++) await t.devnet.increaseTime(EPOCH)
  const { client } = t.counting()
  const needed = async (vaults: typeof others, lookback: number) => {
    let lo = 21_000n
    let hi = 30_000_000n
    while (hi - lo > 1_000n) {
      const gas = (lo + hi) / 2n
      const fits = await getPositions(client, {
        staker: address,
        vaults,
        lookback,
        gas,
        includeEmpty: true,
      }).then(
        (p) => {
          // too little gas is an error, never a vault left out
          expect(p.map((x) => x.vault)).toEqual(vaults)
          return true
        },
        () => false,
      )
      if (fits) hi = gas
      else lo = gas
    }
    return hi
  }
  const figures: Record<string, bigint> = {}
  for (const lookback of [8, 0]) {
    const one = await needed([vault], lookback)
    const perVault = ((await needed([vault, ...others], lookback)) - one) / 3n
    figures[`lookback ${lookback}`] = perVault
    expect(one + 99n * perVault).toBeLessThan(30_000_000n)
  }
  console.log('lens gas per cold vault:', figures)
  expect(figures['lookback 0']).toBeLessThan(figures['lookback 8']!)
}, 300_000)
