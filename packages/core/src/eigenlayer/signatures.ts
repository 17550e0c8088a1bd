import {
  type Account,
  type Address,
  bytesToHex,
  getAddress,
  type Hex,
  hashDomain,
  hashTypedData,
  type TypedDataDomain,
} from 'viem'
import { getStorageAt, signTypedData } from 'viem/actions'
import { InvalidParameterError, type ReadErrorType } from '../errors.js'
import { assertAddress, assertAmount, type BatchResult, readBatch, unwrap } from '../tx.js'
import { delegationManagerAbi, strategyManagerAbi } from './abis.js'
import { InvalidSignatureError, SaltSpentError, SignatureExpiredError } from './errors.js'
import {
  accountAddress,
  clockFrom,
  clockReads,
  type DeploymentParameter,
  type EigenLayerReadClient,
  type EigenLayerWalletClient,
  getDeployment,
  requireAccount,
  sameAddress,
} from './internal.js'
import { type EigenLayerRelease, getRelease } from './release.js'

/** The EIP-712 types EigenLayer signs (from the contracts' typehash strings). */
export const eigenlayerTypes = {
  DelegationApproval: [
    { name: 'delegationApprover', type: 'address' },
    { name: 'staker', type: 'address' },
    { name: 'operator', type: 'address' },
    { name: 'salt', type: 'bytes32' },
    { name: 'expiry', type: 'uint256' },
  ],
  Deposit: [
    { name: 'staker', type: 'address' },
    { name: 'strategy', type: 'address' },
    { name: 'token', type: 'address' },
    { name: 'amount', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'expiry', type: 'uint256' },
  ],
} as const

const versionAbi = [
  {
    type: 'function',
    name: 'version',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ type: 'string' }],
  },
] as const

/** A fresh random 32-byte salt (Web Crypto). */
export function randomSalt(): Hex {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(32)))
}

/**
 * The candidate EIP-712 domains of an EigenLayer contract, of one form: `version` undefined is the
 * v1.2 form (no `version` field); a `version()` string is the v1.3+ form, whose `version` field is
 * the major version of `version()`: its first two characters while releases were tagged `v1.3.0`
 * (`"v1"`; `"v0"` for the devnet's `"v0.0.0"` build, seen on the v1.3.0 state), its first
 * character for `"1.12.0"` (`"1"`, v1.12). The form is the release's (`getRelease`:
 * `features.versionView`), never guessed. Returns the one whose hash equals `domainSeparator`, or
 * `undefined`.
 */
export function matchDomain(
  verifyingContracts: readonly Address[],
  chainId: number,
  domainSeparator: Hex,
  version: string | undefined,
): TypedDataDomain | undefined {
  const versions: (string | undefined)[] = []
  if (version === undefined) versions.push(undefined)
  else {
    const major = version.replace(/^v/, '').split('.')[0] ?? ''
    for (const v of new Set([version.slice(0, 1), version.slice(0, 2), major, `v${major}`, version]))
      if (v) versions.push(v)
  }
  for (const verifyingContract of verifyingContracts) {
    for (const v of versions) {
      const d: TypedDataDomain =
        v === undefined
          ? { name: 'EigenLayer', chainId, verifyingContract }
          : { name: 'EigenLayer', version: v, chainId, verifyingContract }
      if (hashDomain({ domain: d, types: { EIP712Domain: domainFields(d) } } as never) === domainSeparator)
        return d
    }
  }
  return undefined
}

/**
 * The domain form of the deployment's release: `undefined` (no `version` field) on v1.2; on v1.3+
 * the contract's own `version()` answer (its major version is the field), which the same batch read.
 */
function domainVersion(release: EigenLayerRelease, served: BatchResult | undefined): string | undefined {
  if (!release.features.versionView) return undefined
  if (served?.status !== 'success')
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: `the release probe found version() (${release.family}) but this contract does not serve it`,
    })
  return served.result as string
}

/** The typed data the wallet signs must hash to the contract's own `calculate…DigestHash`. */
function assertDigest(local: Hex, onChain: Hex) {
  if (local !== onChain) {
    throw new InvalidSignatureError({
      reason: `the EIP-712 digest ${local} differs from the contract's ${onChain}; not signing`,
    })
  }
}

/** EIP-1967 implementation slot. */
const IMPLEMENTATION_SLOT = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc'

/**
 * The domain from chain. Releases up to v1.2 cache the separator computed in the implementation's
 * constructor, so their `verifyingContract` is the *implementation* address behind the proxy: when
 * the proxy address does not match, the EIP-1967 slot is read (one more request) and tried.
 */
export async function resolveDomain(
  client: EigenLayerReadClient,
  contract: Address,
  domainSeparator: Hex,
  version: string | undefined,
): Promise<TypedDataDomain> {
  const chainId = client.chain?.id
  if (chainId === undefined) throw new InvalidParameterError({ parameter: 'client', reason: 'has no chain' })
  const direct = matchDomain([contract], chainId, domainSeparator, version)
  if (direct) return direct
  const slot = await getStorageAt(client, { address: contract, slot: IMPLEMENTATION_SLOT })
  const implementation = slot && slot !== '0x' ? getAddress(`0x${slot.slice(-40)}`) : undefined
  const viaImpl = implementation
    ? matchDomain([implementation], chainId, domainSeparator, version)
    : undefined
  if (viaImpl) return viaImpl
  throw new InvalidParameterError({
    parameter: 'deployment',
    reason: `no known EIP-712 domain matches ${contract}'s domainSeparator() ${domainSeparator}`,
  })
}

function domainFields(d: TypedDataDomain) {
  return [
    { name: 'name', type: 'string' },
    ...(d.version === undefined ? [] : [{ name: 'version', type: 'string' }]),
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' },
  ]
}

/**
 * Reads the EIP-712 domain of an EigenLayer contract (one round trip). The domain's form follows
 * what the contract serves, the probe's own criterion: a `version()` that answers (v1.3+) means a
 * `version` field, none (v1.2) means none.
 */
export async function getEigenLayerDomain(
  client: EigenLayerReadClient,
  params: { contract: Address },
): Promise<TypedDataDomain> {
  const contract = assertAddress('contract', params.contract)
  const [sep, version] = await readBatch(client, [
    { address: contract, abi: delegationManagerAbi, functionName: 'domainSeparator' },
    { address: contract, abi: versionAbi, functionName: 'version' },
  ])
  return resolveDomain(
    client,
    contract,
    unwrap<Hex>(sep),
    version?.status === 'success' ? (version.result as string) : undefined,
  )
}

/** Whether an approver's salt is spent (`DelegationManager.delegationApproverSaltIsSpent`). */
export async function isApproverSaltSpent(
  client: EigenLayerReadClient,
  params: { approver: Address; salt: Hex } & DeploymentParameter,
): Promise<boolean> {
  const d = getDeployment(client, params.deployment)
  const [r] = await readBatch(client, [
    {
      address: d.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'delegationApproverSaltIsSpent',
      args: [assertAddress('approver', params.approver), params.salt],
    },
  ])
  return unwrap<boolean>(r)
}

/** The approval digest as the DelegationManager computes it (`calculateDelegationApprovalDigestHash`). */
export async function getDelegationApprovalDigest(
  client: EigenLayerReadClient,
  params: {
    staker: Address
    operator: Address
    approver: Address
    salt: Hex
    expiry: bigint
  } & DeploymentParameter,
): Promise<Hex> {
  const d = getDeployment(client, params.deployment)
  const [r] = await readBatch(client, [
    {
      address: d.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'calculateDelegationApprovalDigestHash',
      args: [
        assertAddress('staker', params.staker),
        assertAddress('operator', params.operator),
        assertAddress('approver', params.approver),
        params.salt,
        params.expiry,
      ],
    },
  ])
  return unwrap<Hex>(r)
}

/** The deposit digest as the StrategyManager computes it (`calculateStrategyDepositDigestHash`). */
export async function getDepositDigest(
  client: EigenLayerReadClient,
  params: {
    staker: Address
    strategy: Address
    token: Address
    amount: bigint
    nonce: bigint
    expiry: bigint
  } & DeploymentParameter,
): Promise<Hex> {
  const d = getDeployment(client, params.deployment)
  const [r] = await readBatch(client, [
    {
      address: d.strategyManager,
      abi: strategyManagerAbi,
      functionName: 'calculateStrategyDepositDigestHash',
      args: [params.staker, params.strategy, params.token, params.amount, params.nonce, params.expiry],
    },
  ])
  return unwrap<Hex>(r)
}

export type SignDelegationApprovalParameters = {
  staker: Address
  operator: Address
  /** Default: a fresh random salt (checked unspent). */
  salt?: Hex
  /** Unix seconds; default: chain time + `validFor`. */
  expiry?: bigint
  /** Seconds of validity when `expiry` is not given; default 3600. */
  validFor?: bigint
  /** The approver's account; default the wallet client's. */
  account?: Account | Address
} & DeploymentParameter

export type SignDelegationApprovalReturnType = {
  /** Pass as `approverSignature` to `delegateTo` / `redelegate`. */
  signature: Hex
  salt: Hex
  expiry: bigint
  approver: Address
}

/**
 * For an operator's delegation approver: signs the EIP-712 `DelegationApproval` for a staker,
 * with the domain taken from chain and a fresh salt. Refuses a spent salt, an approver that is not
 * the operator's, and an expiry in the past; checks the typed data hashes to the contract's own
 * digest (`calculateDelegationApprovalDigestHash`) before signing.
 */
export async function signDelegationApproval(
  walletClient: EigenLayerWalletClient,
  params: SignDelegationApprovalParameters,
): Promise<SignDelegationApprovalReturnType> {
  const staker = assertAddress('staker', params.staker)
  const operator = assertAddress('operator', params.operator)
  const account = requireAccount(walletClient, params.account, 'account (the approver)')
  const approver = accountAddress(account)
  const salt = params.salt ?? randomSalt()
  if (!/^0x[0-9a-fA-F]{64}$/.test(salt))
    throw new InvalidParameterError({ parameter: 'salt', reason: 'must be 32 bytes of hex' })
  const d = getDeployment(walletClient, params.deployment)
  const [release, results] = await Promise.all([
    getRelease(walletClient, { deployment: d }),
    readBatch(walletClient, [
      { address: d.delegationManager, abi: delegationManagerAbi, functionName: 'domainSeparator' },
      { address: d.delegationManager, abi: versionAbi, functionName: 'version' },
      {
        address: d.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'delegationApproverSaltIsSpent',
        args: [approver, salt],
      },
      {
        address: d.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'delegationApprover',
        args: [operator],
      },
      ...clockReads(walletClient),
    ]),
  ])
  const { timestamp } = await clockFrom(walletClient, results.slice(4))
  if (unwrap<boolean>(results[2])) throw new SaltSpentError({ approver, salt })
  const registeredApprover = unwrap<Address>(results[3])
  if (!sameAddress(registeredApprover, approver)) {
    throw new InvalidParameterError({
      parameter: 'account',
      reason: `${approver} is not the delegation approver of ${operator} (that is ${registeredApprover})`,
    })
  }
  const expiry = params.expiry ?? timestamp + (params.validFor ?? 3600n)
  if (expiry < timestamp) throw new SignatureExpiredError({ expiry, now: timestamp })
  const domain = await resolveDomain(
    walletClient,
    d.delegationManager,
    unwrap<Hex>(results[0]),
    domainVersion(release, results[1]),
  )
  const message = { delegationApprover: approver, staker, operator, salt, expiry }
  const onChain = await getDelegationApprovalDigest(walletClient, {
    staker,
    operator,
    approver,
    salt,
    expiry,
    deployment: d,
  })
  assertDigest(
    hashTypedData({ domain, types: eigenlayerTypes, primaryType: 'DelegationApproval', message }),
    onChain,
  )
  const signature = await signTypedData(walletClient, {
    account,
    domain,
    types: eigenlayerTypes,
    primaryType: 'DelegationApproval',
    message,
  })
  return { signature, salt, expiry, approver }
}

export type SignDelegationApprovalErrorType =
  | SaltSpentError
  | SignatureExpiredError
  | InvalidSignatureError
  | InvalidParameterError
  | ReadErrorType

export type SignDepositParameters = {
  strategy: Address
  token: Address
  amount: bigint
  /** Unix seconds; default chain time + `validFor`. */
  expiry?: bigint
  /** Seconds of validity when `expiry` is not given; default 3600. */
  validFor?: bigint
  /** The staker's account; default the wallet client's. */
  account?: Account | Address
} & DeploymentParameter

export type SignDepositReturnType = {
  staker: Address
  strategy: Address
  token: Address
  amount: bigint
  nonce: bigint
  expiry: bigint
  signature: Hex
}

export type SignDepositErrorType =
  | SignatureExpiredError
  | InvalidSignatureError
  | InvalidParameterError
  | ReadErrorType

/**
 * For a staker: signs the EIP-712 `Deposit` that lets a third party deposit on the staker's
 * behalf (`depositWithSignature`), with the staker's current nonce and the domain from chain.
 */
export async function signDeposit(
  walletClient: EigenLayerWalletClient,
  params: SignDepositParameters,
): Promise<SignDepositReturnType> {
  const strategy = assertAddress('strategy', params.strategy)
  const token = assertAddress('token', params.token)
  const amount = assertAmount('amount', params.amount)
  const account = requireAccount(walletClient, params.account, 'account (the staker)')
  const staker = accountAddress(account)
  const d = getDeployment(walletClient, params.deployment)
  const [release, results] = await Promise.all([
    getRelease(walletClient, { deployment: d }),
    readBatch(walletClient, [
      { address: d.strategyManager, abi: strategyManagerAbi, functionName: 'domainSeparator' },
      { address: d.strategyManager, abi: versionAbi, functionName: 'version' },
      { address: d.strategyManager, abi: strategyManagerAbi, functionName: 'nonces', args: [staker] },
      ...clockReads(walletClient),
    ]),
  ])
  const { timestamp } = await clockFrom(walletClient, results.slice(3))
  const expiry = params.expiry ?? timestamp + (params.validFor ?? 3600n)
  if (expiry < timestamp) throw new SignatureExpiredError({ expiry, now: timestamp })
  const nonce = unwrap<bigint>(results[2])
  const domain = await resolveDomain(
    walletClient,
    d.strategyManager,
    unwrap<Hex>(results[0]),
    domainVersion(release, results[1]),
  )
  const message = { staker, strategy, token, amount, nonce, expiry }
  const onChain = await getDepositDigest(walletClient, { ...message, deployment: d })
  assertDigest(hashTypedData({ domain, types: eigenlayerTypes, primaryType: 'Deposit', message }), onChain)
  const signature = await signTypedData(walletClient, {
    account,
    domain,
    types: eigenlayerTypes,
    primaryType: 'Deposit',
    message,
  })
  return { staker, strategy, token, amount, nonce, expiry, signature }
}
