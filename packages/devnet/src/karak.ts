import type { Address } from 'viem'
import type { DevnetContext } from './context.js'

/** Karak v2 test doubles on the devnet. TODO: implemented by the Karak work. */
export type DevnetKarak = { core: Address }

export async function deployKarak(_ctx: DevnetContext): Promise<DevnetKarak | undefined> {
  return undefined
}
