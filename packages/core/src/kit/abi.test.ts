import { erc20Abi, parseAbi } from 'viem'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { abiOf, joinAbis } from './abi.js'

describe('abiOf / joinAbis', () => {
  test('abiOf parses its groups as one ABI, in order', () => {
    const abi = abiOf(['function a()'], ['function b(uint256 x) view returns (bool)', 'error E()'])
    expect(abi.map((i) => i.name)).toEqual(['a', 'b', 'E'])
  })
  test('joinAbis concatenates parsed ABIs, typed as the concatenation', () => {
    const errors = parseAbi(['error ERC20InsufficientBalance(address, uint256, uint256)'])
    const joined = joinAbis(erc20Abi, errors)
    expect(joined).toEqual([...erc20Abi, ...errors])
    expect(joined).toHaveLength(erc20Abi.length + 1)
    expectTypeOf(joined[erc20Abi.length]).toEqualTypeOf<(typeof errors)[0]>()
    expect(joinAbis()).toEqual([])
  })
})
