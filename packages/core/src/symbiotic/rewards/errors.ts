import type { Address, Hex } from 'viem'
import { InvalidClaimProofError, NoRewardsToClaimError } from '../../eigenlayer/rewards/errors.js'
import { InvalidParameterError, RestakeKitError } from '../../errors.js'
import { erc20RevertMapper, type RevertMapper } from '../../kit/revert.js'

/**
 * Symbiotic rewards failures (npm `@symbioticfi/rewards@2.0.0`: `DefaultStakerRewards`,
 * `DefaultOperatorRewards`). Checked before sending, decoded from a revert otherwise. An operator
 * proof that does not verify is the shared `InvalidClaimProofError`, and cumulative rewards claimed
 * in full the shared `NoRewardsToClaimError`, as for EigenLayer.
 */

/** The address is not a `DefaultStakerRewards` / `DefaultOperatorRewards` (it does not answer its interface). */
export class SymbioticRewardsNotFoundError extends RestakeKitError {
  override name = 'SymbioticRewardsNotFoundError' as const
  readonly rewards: Address
  readonly kind: 'staker' | 'operator'
  constructor(params: { rewards: Address; kind: 'staker' | 'operator' }) {
    super(
      `${params.rewards} is not a Symbiotic ${params.kind === 'staker' ? 'DefaultStakerRewards' : 'DefaultOperatorRewards'} contract.`,
      {
        details: ['It does not answer the rewards interface of @symbioticfi/rewards 2.0.0.'],
        docsPath: '/errors#symbiotic-rewards-not-found',
      },
    )
    this.rewards = params.rewards
    this.kind = params.kind
  }
}

/** The network never distributed this token through these rewards (a wrong token or network). */
export class SymbioticRewardTokenError extends RestakeKitError {
  override name = 'SymbioticRewardTokenError' as const
  readonly rewards: Address
  readonly token: Address
  readonly network: Address
  constructor(params: { rewards: Address; token: Address; network: Address }) {
    const { rewards, token, network } = params
    super(`Network ${network} has distributed no ${token} through rewards ${rewards}.`, {
      details: ['Check the token and the network: rewards are kept per (token, network).'],
      docsPath: '/errors#symbiotic-reward-token',
    })
    this.rewards = rewards
    this.token = token
    this.network = network
  }
}

/** The staker has nothing claimable in this token from this network's distributions. */
export class SymbioticNothingClaimableError extends RestakeKitError {
  override name = 'SymbioticNothingClaimableError' as const
  readonly rewards: Address
  readonly account: Address
  readonly token: Address
  readonly network: Address
  constructor(params: { rewards: Address; account: Address; token: Address; network: Address }) {
    const { rewards, account, token, network } = params
    super(`${account} has no ${token} rewards of network ${network} to claim from ${rewards}.`, {
      details: [
        'Every distribution is claimed already, or the account held no active shares of the vault at the distributions’ timestamps.',
      ],
      docsPath: '/errors#symbiotic-nothing-claimable',
    })
    this.rewards = rewards
    this.account = account
    this.token = token
    this.network = network
  }
}

/** Only the network's middleware (`NetworkMiddlewareService.middleware(network)`) may distribute its rewards. */
export class NotNetworkMiddlewareError extends RestakeKitError {
  override name = 'NotNetworkMiddlewareError' as const
  readonly network: Address
  readonly sender: Address
  /** The network's middleware (`null`: none is set). */
  readonly middleware: Address | null
  constructor(params: { network: Address; sender: Address; middleware: Address | null }) {
    const { network, sender, middleware } = params
    super(`${sender} is not the middleware of network ${network}.`, {
      details: [
        middleware === null
          ? 'The network has no middleware set (NetworkMiddlewareService.setMiddleware).'
          : `Its middleware is ${middleware}.`,
      ],
      docsPath: '/errors#not-network-middleware',
    })
    this.network = network
    this.sender = sender
    this.middleware = middleware
  }
}

/** No operator-rewards root is set for this (network, token): nothing was distributed yet. */
export class SymbioticRewardsRootNotSetError extends RestakeKitError {
  override name = 'SymbioticRewardsRootNotSetError' as const
  readonly rewards: Address
  readonly network: Address
  readonly token: Address
  constructor(params: { rewards: Address; network: Address; token: Address }) {
    const { rewards, network, token } = params
    super(`Network ${network} has set no ${token} rewards root in ${rewards}.`, {
      docsPath: '/errors#symbiotic-rewards-root-not-set',
    })
    this.rewards = rewards
    this.network = network
    this.token = token
  }
}

/** The network's balance in the operator rewards is short of what the claim pays (`InsufficientBalance`). */
export class SymbioticRewardsBalanceError extends RestakeKitError {
  override name = 'SymbioticRewardsBalanceError' as const
  readonly rewards: Address
  readonly network: Address
  readonly token: Address
  readonly required: bigint
  readonly balance: bigint
  constructor(params: {
    rewards: Address
    network: Address
    token: Address
    required: bigint
    balance: bigint
  }) {
    const { rewards, network, token, required, balance } = params
    super(`Network ${network} holds ${balance} of ${token} in ${rewards}; the claim pays ${required}.`, {
      details: ['The network must distribute the tokens its root promises.'],
      docsPath: '/errors#symbiotic-rewards-balance',
    })
    this.rewards = rewards
    this.network = network
    this.token = token
    this.required = required
    this.balance = balance
  }
}

/** Every Symbiotic rewards error; `switch (error.name)` narrows it. */
export type SymbioticRewardsError =
  | SymbioticRewardsNotFoundError
  | SymbioticRewardTokenError
  | SymbioticNothingClaimableError
  | NotNetworkMiddlewareError
  | SymbioticRewardsRootNotSetError
  | SymbioticRewardsBalanceError
  | InvalidClaimProofError
  | NoRewardsToClaimError

/** What a rewards revert mapper knows about the call. */
export type SymbioticRewardsRevertContext = {
  rewards: Address
  account: Address
  network: Address
  token: Address
  middleware?: Address | null
  required?: bigint
  balance?: bigint
  root?: Hex
}

/** The staker rewards' reverts (claims and distributions), then the token's ERC-20 errors. */
export function stakerRewardsRevertMapper(ctx: SymbioticRewardsRevertContext): RevertMapper {
  const token = erc20RevertMapper(ctx.token)
  return (reason, args) => {
    if (reason === 'NoRewardsToClaim') return new SymbioticNothingClaimableError(ctx)
    if (reason === 'NotNetworkMiddleware')
      return new NotNetworkMiddlewareError({
        network: ctx.network,
        sender: ctx.account,
        middleware: ctx.middleware ?? null,
      })
    if (reason === 'InvalidRecipient')
      return new InvalidParameterError('receiver', 'must not be the zero address')
    if (reason === 'InvalidRewardTimestamp')
      return new InvalidParameterError('timestamp', 'must be before the block the distribution lands in')
    if (reason === 'HighAdminFee')
      return new InvalidParameterError('maxAdminFee', 'is below the rewards’ admin fee')
    return token(reason, args)
  }
}

/** The operator rewards' reverts, then the token's ERC-20 errors. */
export function operatorRewardsRevertMapper(ctx: SymbioticRewardsRevertContext): RevertMapper {
  const token = erc20RevertMapper(ctx.token)
  return (reason, args) => {
    if (reason === 'RootNotSet') return new SymbioticRewardsRootNotSetError(ctx)
    if (reason === 'InvalidProof')
      return new InvalidClaimProofError({ earner: ctx.account, reason: 'not a leaf of the posted root' })
    if (reason === 'InsufficientTotalClaimable') return new NoRewardsToClaimError({ earners: [ctx.account] })
    if (reason === 'InsufficientBalance')
      return new SymbioticRewardsBalanceError({
        ...ctx,
        required: ctx.required ?? 0n,
        balance: ctx.balance ?? 0n,
      })
    if (reason === 'NotNetworkMiddleware')
      return new NotNetworkMiddlewareError({
        network: ctx.network,
        sender: ctx.account,
        middleware: ctx.middleware ?? null,
      })
    return token(reason, args)
  }
}
