import type { EigenLayerDeployment, SymbioticDeployment } from '@restakekit/core'
import type { Address, Hex } from 'viem'

/** What the page needs to know about the chain: from `?config=<url of a JSON>` or `?rpc=&chainId=`. */
export type PageConfig = {
  rpcUrl: string
  chainId: number
  eigenlayer?: EigenLayerDeployment
  symbiotic?: SymbioticDeployment
  /** Defaults for the forms (a devnet's fixture). */
  defaults?: {
    strategy?: Address
    token?: Address
    operator?: Address
    vault?: Address
    subnetworks?: Hex[]
    /** Operators whose stake per network the exposure reads. */
    operators?: Address[]
  }
}

/** Reads the page's configuration from its URL. */
export async function loadConfig(search: string): Promise<PageConfig> {
  const q = new URLSearchParams(search)
  const url = q.get('config')
  if (url) return (await (await fetch(url)).json()) as PageConfig
  const rpcUrl = q.get('rpc')
  if (!rpcUrl) throw new Error('Open the page with ?config=<url of a JSON> or ?rpc=<RPC URL>&chainId=<id>.')
  return { rpcUrl, chainId: Number(q.get('chainId') ?? 31337) }
}
