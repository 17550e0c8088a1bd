type Joined<T extends readonly (readonly unknown[])[]> = T extends readonly [
  infer H extends readonly unknown[],
  ...infer R extends readonly (readonly unknown[])[],
]
  ? readonly [...H, ...Joined<R>]
  : readonly []

/**
 * ABIs joined into one, typed as the tuple. Call it `/* @__PURE__ *\/` at module level: a spread
 * (`[...a, ...b]`) is something a bundler must keep, a pure call it may drop, so a read bundles no
 * write's ABI.
 */
export function joinAbis<const T extends readonly (readonly unknown[])[]>(...abis: T): Joined<T> {
  return abis.flat() as unknown as Joined<T>
}
