import {
  type Account,
  type Address,
  type Chain,
  type Client,
  getTypesForEIP712Domain,
  type Hex,
  hashDomain,
  isAddressEqual,
  parseAbi,
  parseSignature,
  recoverTypedDataAddress,
  serializeSignature,
  type Transport,
  type TypedDataDomain,
} from 'viem'
import { getBlock, getChainId, signTypedData } from 'viem/actions'
import { getAction } from 'viem/utils'
import { defineError, InvalidParameterError } from '../errors.js'
import { addressOf, resolveAccount } from './account.js'
import { stage } from './plan.js'
import { type BatchResult, readBatch } from './read.js'
import { LANDING_BLOCK_TAG } from './simulate.js'
import { assertAddress, assertAmount } from './validate.js'

/** An EIP-2612 signature as the `*WithPermit` entry points take it (`value`, `deadline`, `v`, `r`, `s`). */
export type PermitSignature = { value: bigint; deadline: bigint; v: number; r: Hex; s: Hex }

/** A signed permit: the signature and what it was signed for (so it can be checked before it is sent). */
export type SignedPermit = PermitSignature & {
  token: Address
  owner: Address
  spender: Address
  /** The owner's `nonces(owner)` the signature consumes. */
  nonce: bigint
}

/**
 * The glossary's `permit` option of a write that can take an EIP-2612 permit instead of an approval:
 * `true` signs one after the checks (deadline: chain time + {@link PERMIT_DEFAULT_TTL}),
 * `{ deadline }` signs one with that deadline, a {@link SignedPermit} (from `signPermit`) is checked and used.
 */
export type PermitOption = true | { deadline: bigint } | SignedPermit

/** A permit signed without a deadline is valid this long after the chain's time, in seconds. */
export const PERMIT_DEFAULT_TTL = 3600n

export class PermitUnsupportedError extends /* @__PURE__ */ defineError('PermitUnsupportedError', {
  docsPath: '/errors#permit-unsupported',
  message: (p: { token: Address; reason: string }) =>
    `${p.token} does not take EIP-2612 permits: ${p.reason}. Approve it instead (omit \`permit\`).`,
}) {}

export class PermitDomainMismatchError extends /* @__PURE__ */ defineError('PermitDomainMismatchError', {
  docsPath: '/errors#permit-domain-mismatch',
  message: (p: { token: Address; domainSeparator: Hex; tried: readonly string[] }) =>
    `No EIP-712 domain read from ${p.token} hashes to its DOMAIN_SEPARATOR(): a permit signed for it would be refused.`,
  details: (p) => [`DOMAIN_SEPARATOR(): ${p.domainSeparator}`, ...p.tried.map((t) => `tried: ${t}`)],
}) {}

export class PermitExpiredError extends /* @__PURE__ */ defineError('PermitExpiredError', {
  docsPath: '/errors#permit-expired',
  message: (p: { token: Address; deadline: bigint; chainTime: bigint }) =>
    `The permit's deadline (${p.deadline}) is before the chain's time (${p.chainTime}): the token would refuse it.`,
}) {}

export class InvalidPermitError extends /* @__PURE__ */ defineError('InvalidPermitError', {
  docsPath: '/errors#invalid-permit',
  message: (p: { token: Address; reason: string }) =>
    `The permit for ${p.token} would be refused: ${p.reason}.`,
}) {}

const permitAbi = /* @__PURE__ */ parseAbi([
  'function name() view returns (string)',
  'function version() view returns (string)',
  'function nonces(address owner) view returns (uint256)',
  'function DOMAIN_SEPARATOR() view returns (bytes32)',
  'function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)',
])

const permitTypes = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

type PermitReads = {
  name: string | undefined
  version: string | undefined
  nonce: bigint
  separator: Hex
  eip712Domain: readonly [Hex, string, string, bigint, Address, Hex, readonly bigint[]] | undefined
}

const ok = <T>(r: BatchResult | undefined): T | undefined =>
  r?.status === 'success' ? (r.result as T) : undefined

/**
 * The token's permit state for `owner`, in one staged read: `name()`, `version()`, `nonces(owner)`,
 * `DOMAIN_SEPARATOR()` and ERC-5267's `eip712Domain()` (the optional ones may fail). A token without
 * `nonces` or `DOMAIN_SEPARATOR` is a `PermitUnsupportedError`.
 */
export function permitPlan(token: Address, owner: Address) {
  return stage(
    (['name', 'version', 'nonces', 'DOMAIN_SEPARATOR', 'eip712Domain'] as const).map((functionName) => ({
      address: token,
      abi: permitAbi,
      functionName,
      ...(functionName === 'nonces' ? { args: [owner] } : {}),
    })),
    ([name, version, nonce, separator, domain]): PermitReads => {
      const n = ok<bigint>(nonce)
      const sep = ok<Hex>(separator)
      if (n === undefined || sep === undefined)
        throw new PermitUnsupportedError({
          token,
          reason: `it does not answer ${n === undefined ? 'nonces(owner)' : 'DOMAIN_SEPARATOR()'}`,
        })
      return {
        name: ok(name),
        version: ok(version),
        nonce: n,
        separator: sep,
        eip712Domain: ok(domain),
      }
    },
  )
}

/**
 * The EIP-712 domain whose hash equals the token's `DOMAIN_SEPARATOR()`: ERC-5267's `eip712Domain()`
 * where the token has it, else `name()` with `version()` (or "1", or no version). Only a domain that
 * hashes to the separator is used; when none does, a `PermitDomainMismatchError` (a signature over
 * it would be refused).
 */
export function permitDomain(token: Address, chainId: number, reads: PermitReads): TypedDataDomain {
  const candidates: TypedDataDomain[] = []
  if (reads.eip712Domain) {
    const [fields, name, version, id, verifyingContract, salt] = reads.eip712Domain
    const f = Number.parseInt(fields.slice(2, 4) || '0', 16)
    candidates.push({
      ...(f & 1 ? { name } : {}),
      ...(f & 2 ? { version } : {}),
      ...(f & 4 ? { chainId: Number(id) } : {}),
      ...(f & 8 ? { verifyingContract } : {}),
      ...(f & 16 ? { salt } : {}),
    })
  }
  if (reads.name !== undefined) {
    for (const version of [...new Set([reads.version ?? '1', '1']), undefined]) {
      candidates.push({
        name: reads.name,
        ...(version === undefined ? {} : { version }),
        chainId,
        verifyingContract: token,
      })
    }
  }
  const tried: string[] = []
  for (const domain of candidates) {
    const hash = hashDomain({ domain, types: { EIP712Domain: getTypesForEIP712Domain({ domain }) } } as never)
    if (hash.toLowerCase() === reads.separator.toLowerCase()) return domain
    tried.push(`${JSON.stringify(domain)} → ${hash}`)
  }
  throw new PermitDomainMismatchError({ token, domainSeparator: reads.separator, tried })
}

type PermitClient = Client<Transport, Chain | undefined, Account | undefined>

/** The permit state of `token` for `owner`, its domain, the chain id and the chain's time (the landing block's). */
async function readPermit(client: PermitClient, token: Address, owner: Address) {
  const plan = permitPlan(token, owner)
  const [results, block, chainId] = await Promise.all([
    readBatch(client, plan.reads, { blockTag: LANDING_BLOCK_TAG }),
    getAction(client, getBlock, 'getBlock')({ blockTag: LANDING_BLOCK_TAG }),
    client.chain?.id ?? getAction(client, getChainId, 'getChainId')({}),
  ])
  const reads = plan.next(results) as PermitReads
  return { reads, domain: permitDomain(token, chainId, reads), chainTime: block.timestamp }
}

function assertDeadline(value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n)
    throw new InvalidParameterError({
      parameter: 'deadline',
      reason: `${String(value)} must be a bigint ≥ 0 (seconds since 1970)`,
    })
  return value
}

/**
 * Signs an EIP-2612 permit letting `spender` spend `amount` of `token` for `account` (default: the
 * client's) until `deadline` (default: chain time + {@link PERMIT_DEFAULT_TTL}). Validates first
 * (addresses, amount > 0, deadline a bigint), then reads `name`, `version`, `nonces(owner)`,
 * `DOMAIN_SEPARATOR` and `eip712Domain` in one batched read with the chain's time: a deadline before
 * it is a `PermitExpiredError`; a domain that does not hash to `DOMAIN_SEPARATOR()` a
 * `PermitDomainMismatchError`. Signs with the wallet's `signTypedData` (nothing is sent).
 */
export async function signPermit(
  client: PermitClient,
  params: {
    token: Address
    spender: Address
    amount: bigint
    deadline?: bigint
    account?: Account | Address
  },
): Promise<SignedPermit> {
  const token = assertAddress('token', params.token)
  const spender = assertAddress('spender', params.spender)
  const value = assertAmount('amount', params.amount)
  const given = params.deadline === undefined ? undefined : assertDeadline(params.deadline)
  const account = resolveAccount(client, params.account)
  const owner = addressOf(account)
  const { reads, domain, chainTime } = await readPermit(client, token, owner)
  const deadline = given ?? chainTime + PERMIT_DEFAULT_TTL
  if (deadline < chainTime) throw new PermitExpiredError({ token, deadline, chainTime })
  const signature = await getAction(
    client,
    signTypedData,
    'signTypedData',
  )({
    account,
    domain,
    types: permitTypes,
    primaryType: 'Permit',
    message: { owner, spender, value, nonce: reads.nonce, deadline },
  })
  const { r, s, v, yParity } = parseSignature(signature)
  return {
    token,
    owner,
    spender,
    value,
    nonce: reads.nonce,
    deadline,
    v: Number(v ?? BigInt(yParity + 27)),
    r,
    s,
  }
}

/**
 * Checks a signed permit before it is sent, against the chain (one batched read and the chain's time):
 * it is for `token`, `owner` and `spender`, covers `amount`, its deadline is not past
 * (`PermitExpiredError`), its nonce is the owner's current one and its signature recovers to the owner
 * over the token's domain (`InvalidPermitError` otherwise: a tampered or stale signature).
 */
export async function verifyPermit(
  client: PermitClient,
  params: { token: Address; owner: Address; spender: Address; amount: bigint; permit: PermitSignature },
): Promise<void> {
  const { token, owner, spender, amount, permit } = params
  const p = permit as Partial<SignedPermit>
  const refuse = (reason: string) => new InvalidPermitError({ token, reason })
  if (
    typeof permit !== 'object' ||
    permit === null ||
    typeof permit.value !== 'bigint' ||
    typeof permit.deadline !== 'bigint' ||
    typeof permit.v !== 'number' ||
    typeof permit.r !== 'string' ||
    typeof permit.s !== 'string'
  )
    throw refuse('it is not a signed permit ({ value, deadline, v, r, s }: use signPermit)')
  if (p.token !== undefined && !isAddressEqual(p.token, token))
    throw refuse(`it was signed for another token (${p.token})`)
  if (p.owner !== undefined && !isAddressEqual(p.owner, owner))
    throw refuse(`it was signed by another owner (${p.owner}, the sender is ${owner})`)
  if (p.spender !== undefined && !isAddressEqual(p.spender, spender))
    throw refuse(`it was signed for another spender (${p.spender}, this write needs ${spender})`)
  if (permit.value < amount) throw refuse(`its value (${permit.value}) is below the amount (${amount})`)
  const { reads, domain, chainTime } = await readPermit(client, token, owner)
  if (permit.deadline < chainTime)
    throw new PermitExpiredError({ token, deadline: permit.deadline, chainTime })
  if (p.nonce !== undefined && p.nonce !== reads.nonce)
    throw refuse(
      `its nonce (${p.nonce}) is not the owner's current one (${reads.nonce}): it was used or replaced`,
    )
  let signer: Address | undefined
  try {
    signer = await recoverTypedDataAddress({
      domain,
      types: permitTypes,
      primaryType: 'Permit',
      message: { owner, spender, value: permit.value, nonce: reads.nonce, deadline: permit.deadline },
      signature: serializeSignature({ r: permit.r, s: permit.s, v: BigInt(permit.v) }),
    })
  } catch {
    signer = undefined
  }
  if (!signer || !isAddressEqual(signer, owner))
    throw refuse(`its signature is not ${owner}'s over this permit (recovered ${signer ?? 'no signer'})`)
}

/** What a write's spec names to take permits (`WriteSpec.permit.kit`): the signer and the checker. */
export type PermitKit = { sign: typeof signPermit; verify: typeof verifyPermit }

/** The kit's permit signer and checker, for a write spec's `permit: { call, kit: permitKit }`. */
export const permitKit: PermitKit = { sign: signPermit, verify: verifyPermit }
