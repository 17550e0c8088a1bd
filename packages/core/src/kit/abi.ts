import { type ParseAbi, parseAbi } from 'viem'

type Flat<groups extends readonly (readonly string[])[]> = groups extends readonly [
  infer head extends readonly string[],
  ...infer rest extends readonly (readonly string[])[],
]
  ? readonly [...head, ...Flat<rest>]
  : readonly []

/**
 * `parseAbi` of several groups of human-readable fragments, typed as one ABI. Call it
 * `/* @__PURE__ *\/`: its arguments are plain references (no spread, which a bundler must keep), so
 * a bundle that does not use the ABI drops the call and every string only it uses. This is how a
 * protocol's ABIs share fragments: one contract's full ABI and each write's small one are built
 * from the same groups, and a write bundles only its own.
 */
export function abiOf<const groups extends readonly (readonly string[])[]>(
  ...groups: groups
): ParseAbi<Flat<groups>> {
  return parseAbi(groups.flat() as never) as never
}

type Joined<abis extends readonly (readonly unknown[])[]> = abis extends readonly [
  infer head extends readonly unknown[],
  ...infer rest extends readonly (readonly unknown[])[],
]
  ? readonly [...head, ...Joined<rest>]
  : readonly []

/**
 * Several parsed ABIs as one, typed as their concatenation. Call it `/* @__PURE__ *\/` where it runs
 * when a module loads (a spec's `receipt.abi`, a module-level constant): a bundler keeps an array
 * spread (it may run an iterator) and, with it, everything the spec holds; a pure call it drops
 * when the result is unused.
 */
export function joinAbis<const abis extends readonly (readonly unknown[])[]>(...abis: abis): Joined<abis> {
  return abis.flat() as never
}
