import { defineError } from '@restakekit/core'
import type { Address } from 'viem'

/**
 * The address is not the protocol contract the adapter expects: no code, a read of its interface
 * failed, or its token's `symbol()` differs. Checked before every write; nothing was sent.
 */
export class DeploymentMismatchError extends /* @__PURE__ */ defineError('DeploymentMismatchError', {
  docsPath: '/errors#deployment-mismatch',
  message: (p: { protocol: string; contract: string; address: Address; expected: string; found: string }) =>
    `${p.address} is not ${p.protocol}'s ${p.contract}: expected ${p.expected}, found ${p.found}.`,
  details: () => ['Check the deployment you passed (or the chain the client is on).'],
}) {}

/** A deposit (or exit) would give less than `minOut`. Refused before sending; the contract also enforces it. */
export class MinOutNotMetError extends /* @__PURE__ */ defineError('MinOutNotMetError', {
  docsPath: '/errors#min-out-not-met',
  message: (p: {
    protocol: string
    minOut: bigint
    /** What the protocol gives now (its preview), when it was read. */
    expectedOut?: bigint | undefined
  }) =>
    `${p.protocol} would give less than minOut (${p.minOut})${p.expectedOut === undefined ? '' : `: ${p.expectedOut} now`}.`,
  details: () => ['The rate moved or minOut is too high; read the preview again and retry.'],
}) {}

/** The protocol does not accept this asset for deposits. */
export class UnsupportedAssetError extends /* @__PURE__ */ defineError('UnsupportedAssetError', {
  docsPath: '/errors#unsupported-asset',
  message: (p: { protocol: string; asset: Address; supported?: readonly Address[] | undefined }) =>
    `${p.protocol} does not accept ${p.asset} for deposits.`,
  details: (p) => (p.supported ? [`supported: ${p.supported.join(', ')}`] : []),
}) {}

/** The deposit exceeds what the protocol still accepts of this asset (its deposit limit). */
export class DepositLimitExceededError extends /* @__PURE__ */ defineError('DepositLimitExceededError', {
  docsPath: '/errors#deposit-limit',
  message: (p: { protocol: string; asset: Address; amount: bigint; remaining: bigint }) =>
    `${p.protocol} accepts ${p.remaining} more of ${p.asset}; ${p.amount} exceeds its deposit limit.`,
}) {}

/** The deployment is marked unconfirmed (not in the protocol's own repository); a write needs `allowUnverified: true`. */
export class UnverifiedDeploymentError extends /* @__PURE__ */ defineError('UnverifiedDeploymentError', {
  docsPath: '/errors#unverified-deployment',
  message: (p: { protocol: string }) =>
    `The ${p.protocol} deployment is marked unconfirmed; nothing was sent.`,
  details: () => [
    'Pass `allowUnverified: true` to write to it anyway, after checking the addresses yourself.',
  ],
}) {}

/**
 * The node does not hold the state of a past block a read needs (a pruned or non-archive node, or
 * a block before the history it was started with): nothing can be computed from that block there.
 */
export class HistoricalStateUnavailableError extends /* @__PURE__ */ defineError(
  'HistoricalStateUnavailableError',
  {
    docsPath: '/errors#historical-state-unavailable',
    message: (p: { protocol: string; blockNumber: bigint }) =>
      `The node has no state of block ${p.blockNumber}, so ${p.protocol}'s rate at that block cannot be read.`,
    details: () => ['Use an archive node (or one that keeps that block), or a later fromBlock / fewer days.'],
  },
) {}

/**
 * No open withdrawal request of `owner` matches, on any LRT: none at all (for the asset, where the
 * protocol queues per asset), or the request named is not open — claimed already, never made, or
 * another account's where the protocol keeps requests per owner (Kelp, Renzo). Nothing was sent.
 */
export class WithdrawalRequestNotFoundError extends /* @__PURE__ */ defineError(
  'WithdrawalRequestNotFoundError',
  {
    docsPath: '/errors#withdrawal-request-not-found',
    message: (p: {
      protocol: string
      /** The request asked for (ether.fi / Swell NFT id, Puffer index, Renzo id, Kelp nonce), when one was named. */
      requestId?: bigint | undefined
      /** Whose open requests were searched (the account claiming), when known. */
      owner?: Address | undefined
      /** The asset the request pays in, where the protocol queues per asset (Kelp). */
      asset?: Address | undefined
      /** `true`: the request existed and was claimed; `false`: it never existed; `undefined`: not known which. */
      claimed?: boolean | undefined
      /** The ids `owner` has open now, where the protocol lists them (Renzo). */
      open?: readonly bigint[] | undefined
    }) => {
      const asset = p.asset ? ` (${p.asset})` : ''
      if (p.requestId === undefined)
        return `${p.owner ?? 'The account'} has no open ${p.protocol} withdrawal request${p.asset ? ` for ${p.asset}` : ''}.`
      const why =
        p.claimed === true ? ': it was claimed already' : p.claimed === false ? ': it does not exist' : ''
      return p.owner
        ? `${p.protocol} withdrawal request ${p.requestId}${asset} is not an open request of ${p.owner}${why}.`
        : `${p.protocol} has no open withdrawal request ${p.requestId}${asset}${why}.`
    },
    details: (p) => [
      ...(p.open === undefined
        ? []
        : [p.open.length > 0 ? `open requests: ${p.open.join(', ')}` : 'the account has no open request']),
      'It may belong to another account or be claimed already; list them with getWithdrawalRequests({ owner }).',
    ],
  },
) {}

/**
 * The withdrawal request exists and is open, but it is not the account's: its NFT is held by another
 * address (ether.fi, Swell), or it pays another recipient (Puffer, where anyone may complete a
 * request and its recipient is paid). Refused before sending.
 */
export class WithdrawalRequestNotOwnedError extends /* @__PURE__ */ defineError(
  'WithdrawalRequestNotOwnedError',
  {
    docsPath: '/errors#withdrawal-request-not-owned',
    message: (p: {
      protocol: string
      requestId: bigint
      /** Who the request belongs to: its NFT's holder, or (Puffer) the recipient it pays. */
      owner: Address
      /** The account that tried to claim it. */
      account: Address
    }) =>
      `${p.protocol} withdrawal request ${p.requestId} belongs to ${p.owner}, not ${p.account}; nothing was sent.`,
    details: () => ['Claim your own requests: getWithdrawalRequests({ owner }) lists them.'],
  },
) {}

/**
 * The instant exit cannot take this amount now: the protocol's liquidity for it is short (ether.fi's
 * redemption manager, above its low watermark or within its rate limit; Puffer's vault, `maxRedeem`).
 * Nothing was sent; the queue still takes it (`getExitOptions` compares the two).
 */
export class InstantExitUnavailableError extends /* @__PURE__ */ defineError('InstantExitUnavailableError', {
  docsPath: '/errors#instant-exit-unavailable',
  message: (p: {
    protocol: string
    /** What the exit asked for: ether.fi its value in ETH, Puffer the pufETH to redeem. */
    amount: bigint
    /** What it can take now, in the same unit as `amount`. */
    available: bigint
  }) => `${p.protocol}'s instant exit cannot take ${p.amount} now: ${p.available} is redeemable.`,
  details: () => ['Exit less, wait for liquidity to refill, or request a withdrawal through the queue.'],
}) {}
