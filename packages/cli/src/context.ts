// What every chain command needs: the RPC, the chain (asked of the node), the deployments, and the
// key (from the environment or a keystore file, never from argv).
import { readFileSync } from 'node:fs'
import { type RestakingActionsConfig, restakingActions } from '@restakekit/core'
import {
  type Account,
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  isAddress,
} from 'viem'
import { nonceManager, privateKeyToAccount } from 'viem/accounts'
import { CliInputError, CliUsageError } from './errors.js'
import { decryptKeystore } from './keystore.js'

/** The environment a command sees (process.env in the bin; explicit in tests). */
export type CliEnv = Readonly<Record<string, string | undefined>>

export type ChainOptions = {
  rpc?: string | undefined
  deployments?: string | undefined
  keystore?: string | undefined
}

function readJson(path: string, field: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new CliInputError({
      field,
      message: `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? e})`,
    })
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new CliInputError({ field, message: `${path} is not JSON` })
  }
}

/**
 * Deployments from a file: either `{ eigenlayer, symbiotic, karak }` or the devnet's `--json` line
 * (`{ rpcUrl, deployments: { … } }`). Absent: the SDK's known deployments for the node's chain.
 */
export function loadDeployments(path: string | undefined): RestakingActionsConfig {
  if (!path) return {}
  const raw = readJson(path, '--deployments') as Record<string, unknown>
  const d = (raw && typeof raw === 'object' && 'deployments' in raw ? raw.deployments : raw) as Record<
    string,
    unknown
  >
  if (!d || typeof d !== 'object')
    throw new CliInputError({ field: '--deployments', message: 'expected an object' })
  const out: Record<string, unknown> = {}
  for (const id of ['eigenlayer', 'symbiotic', 'karak'] as const) if (d[id]) out[id] = d[id]
  return out as RestakingActionsConfig
}

/** The sending account: RESTAKEKIT_PRIVATE_KEY, or --keystore FILE with RESTAKEKIT_KEYSTORE_PASSWORD. */
export function loadAccount(opts: ChainOptions, env: CliEnv, required: boolean): Account | undefined {
  let key: Hex | undefined
  if (opts.keystore) {
    const password = env.RESTAKEKIT_KEYSTORE_PASSWORD
    if (password === undefined)
      throw new CliInputError({
        field: 'RESTAKEKIT_KEYSTORE_PASSWORD',
        message: 'set it to the keystore password',
      })
    key = decryptKeystore(readJson(opts.keystore, '--keystore'), password)
  } else if (env.RESTAKEKIT_PRIVATE_KEY) {
    key = env.RESTAKEKIT_PRIVATE_KEY as Hex
    if (!/^0x[0-9a-fA-F]{64}$/.test(key))
      throw new CliInputError({ field: 'RESTAKEKIT_PRIVATE_KEY', message: 'expected 0x and 64 hex digits' })
  }
  if (!key) {
    if (required)
      throw new CliInputError({
        field: 'RESTAKEKIT_PRIVATE_KEY',
        message:
          'this command sends transactions: set RESTAKEKIT_PRIVATE_KEY, or pass --keystore FILE with RESTAKEKIT_KEYSTORE_PASSWORD',
      })
    return undefined
  }
  // a nonce manager: parallel sends from one key each get their own nonce
  return privateKeyToAccount(key, { nonceManager })
}

export function parseAddress(value: string | undefined, field: string): Address {
  if (value === undefined) throw new CliUsageError(`${field} is required`)
  if (!isAddress(value, { strict: true }))
    throw new CliInputError({
      field,
      message: isAddress(value, { strict: false })
        ? `${value} has a wrong checksum`
        : `${value} is not an address`,
    })
  return value
}

/** Clients for the node at --rpc (or RESTAKEKIT_RPC_URL), on the chain the node says it is. */
export async function connect(opts: ChainOptions, env: CliEnv, needKey: boolean) {
  const rpc = opts.rpc ?? env.RESTAKEKIT_RPC_URL
  if (!rpc) throw new CliUsageError('--rpc URL is required (or RESTAKEKIT_RPC_URL)')
  if (!/^https?:\/\//.test(rpc))
    throw new CliInputError({ field: '--rpc', message: `${rpc} is not an http(s) URL` })
  const account = loadAccount(opts, env, needKey)
  const deployments = loadDeployments(opts.deployments)
  // retries with backoff on 429/5xx and timeouts: viem's http transport
  const transport = http(rpc, { retryCount: 3, retryDelay: 250, timeout: 15_000 })
  const id = await createPublicClient({ transport }).getChainId()
  const chain: Chain = defineChain({
    id,
    name: `chain ${id}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpc] } },
  })
  const actions = restakingActions(deployments)
  const client = createPublicClient({ chain, transport, pollingInterval: 250 }).extend(actions)
  const wallet = account
    ? createWalletClient({ account, chain, transport, pollingInterval: 250 }).extend(actions)
    : undefined
  return { rpc, chain, client, wallet, account, deployments }
}

export type Connection = Awaited<ReturnType<typeof connect>>
