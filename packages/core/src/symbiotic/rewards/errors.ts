import type { Address, Hex } from 'viem'
import { InvalidClaimProofError, NoRewardsToClaimError } from '../../eigenlayer/rewards/errors.js'
import { defineError, InvalidParameterError } from '../../errors.js'
import { erc20RevertMapper, type RevertMapper } from '../../kit/revert.js'

/**
 * Symbiotic rewards failures (npm `@symbioticfi/rewards@2.0.0`: `DefaultStakerRewards`,
 * `DefaultOperatorRewards`). Checked before sending, decoded from a revert otherwise. An operator
 * proof that does not verify is the shared `InvalidClaimProofError`, and cumulative rewards claimed
 * in full the shared `NoRewardsToClaimError`, as for EigenLayer.
 */

type RewardsRef = { rewards: Address; network: Address; token: Address }

/** The address is not a `DefaultStakerRewards` / `DefaultOperatorRewards` (it does not answer its interface). */
export class SymbioticRewardsNotFoundError extends /* @__PURE__ */ defineError(
  'SymbioticRewardsNotFoundError',
  {
    docsPath: '/errors#symbiotic-rewards-not-found',
    message: (p: { rewards: Address; kind: 'staker' | 'operator' }) =>
      `${p.rewards} is not a Symbiotic ${p.kind === 'staker' ? 'DefaultStakerRewards' : 'DefaultOperatorRewards'} contract.`,
    details: () => ['It does not answer the rewards interface of @symbioticfi/rewards 2.0.0.'],
  },
) {}

/** The network never distributed this token through these rewards (a wrong token or network). */
export class SymbioticRewardTokenError extends /* @__PURE__ */ defineError('SymbioticRewardTokenError', {
  docsPath: '/errors#symbiotic-reward-token',
  message: (p: RewardsRef) =>
    `Network ${p.network} has distributed no ${p.token} through rewards ${p.rewards}.`,
  details: () => ['Check the token and the network: rewards are kept per (token, network).'],
}) {}

/** The staker has nothing claimable in this token from this network's distributions. */
export class SymbioticNothingClaimableError extends /* @__PURE__ */ defineError(
  'SymbioticNothingClaimableError',
  {
    docsPath: '/errors#symbiotic-nothing-claimable',
    message: (p: RewardsRef & { account: Address }) =>
      `${p.account} has no ${p.token} rewards of network ${p.network} to claim from ${p.rewards}.`,
    details: () => [
      'Every distribution is claimed already, or the account held no active shares of the vault at the distributions’ timestamps.',
    ],
  },
) {}

/** Only the network's middleware (`NetworkMiddlewareService.middleware(network)`) may distribute its rewards. */
export class NotNetworkMiddlewareError extends /* @__PURE__ */ defineError('NotNetworkMiddlewareError', {
  docsPath: '/errors#not-network-middleware',
  /** `middleware`: the network's middleware (`null`: none is set). */
  message: (p: { network: Address; sender: Address; middleware: Address | null }) =>
    `${p.sender} is not the middleware of network ${p.network}.`,
  details: (p) => [
    p.middleware === null
      ? 'The network has no middleware set (NetworkMiddlewareService.setMiddleware).'
      : `Its middleware is ${p.middleware}.`,
  ],
}) {}

/** No operator-rewards root is set for this (network, token): nothing was distributed yet. */
export class SymbioticRewardsRootNotSetError extends /* @__PURE__ */ defineError(
  'SymbioticRewardsRootNotSetError',
  {
    docsPath: '/errors#symbiotic-rewards-root-not-set',
    message: (p: RewardsRef) => `Network ${p.network} has set no ${p.token} rewards root in ${p.rewards}.`,
  },
) {}

/** The network's balance in the operator rewards is short of what the claim pays (`InsufficientBalance`). */
export class SymbioticRewardsBalanceError extends /* @__PURE__ */ defineError(
  'SymbioticRewardsBalanceError',
  {
    docsPath: '/errors#symbiotic-rewards-balance',
    message: (p: RewardsRef & { required: bigint; balance: bigint }) =>
      `Network ${p.network} holds ${p.balance} of ${p.token} in ${p.rewards}; the claim pays ${p.required}.`,
    details: () => ['The network must distribute the tokens its root promises.'],
  },
) {}

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
  const { rewards, account, network } = ctx
  return (reason, args) => {
    if (reason === 'NoRewardsToClaim')
      return new SymbioticNothingClaimableError({ rewards, account, network, token: ctx.token })
    if (reason === 'NotNetworkMiddleware')
      return new NotNetworkMiddlewareError({
        network: ctx.network,
        sender: ctx.account,
        middleware: ctx.middleware ?? null,
      })
    if (reason === 'InvalidRecipient')
      return new InvalidParameterError({ parameter: 'receiver', reason: 'must not be the zero address' })
    if (reason === 'InvalidRewardTimestamp')
      return new InvalidParameterError({
        parameter: 'timestamp',
        reason: 'must be before the block the distribution lands in',
      })
    if (reason === 'HighAdminFee')
      return new InvalidParameterError({
        parameter: 'maxAdminFee',
        reason: 'is below the rewards’ admin fee',
      })
    return token(reason, args)
  }
}

/** The operator rewards' reverts, then the token's ERC-20 errors. */
export function operatorRewardsRevertMapper(ctx: SymbioticRewardsRevertContext): RevertMapper {
  const token = erc20RevertMapper(ctx.token)
  const ref = { rewards: ctx.rewards, network: ctx.network, token: ctx.token }
  return (reason, args) => {
    if (reason === 'RootNotSet') return new SymbioticRewardsRootNotSetError(ref)
    if (reason === 'InvalidProof')
      return new InvalidClaimProofError({ earner: ctx.account, reason: 'not a leaf of the posted root' })
    if (reason === 'InsufficientTotalClaimable') return new NoRewardsToClaimError({ earners: [ctx.account] })
    if (reason === 'InsufficientBalance')
      return new SymbioticRewardsBalanceError({
        ...ref,
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
