import { RestakeKitError } from '@restakekit/core'
import type { Address } from 'viem'

/**
 * The address is not the protocol contract the adapter expects: no code, a read of its interface
 * failed, or its token's `symbol()` differs. Checked before every write; nothing was sent.
 */
export class DeploymentMismatchError extends RestakeKitError {
  override name = 'DeploymentMismatchError' as const
  readonly protocol: string
  readonly contract: string
  readonly address: Address
  readonly expected: string
  readonly found: string
  constructor(params: {
    protocol: string
    contract: string
    address: Address
    expected: string
    found: string
  }) {
    const { protocol, contract, address, expected, found } = params
    super(`${address} is not ${protocol}'s ${contract}: expected ${expected}, found ${found}.`, {
      details: ['Check the deployment you passed (or the chain the client is on).'],
      docsPath: '/errors#deployment-mismatch',
    })
    this.protocol = protocol
    this.contract = contract
    this.address = address
    this.expected = expected
    this.found = found
  }
}

/** A deposit (or exit) would give less than `minOut`. Refused before sending; the contract also enforces it. */
export class MinOutNotMetError extends RestakeKitError {
  override name = 'MinOutNotMetError' as const
  readonly protocol: string
  readonly minOut: bigint
  /** What the protocol gives now (its preview), when it was read. */
  readonly expectedOut: bigint | undefined
  constructor(params: { protocol: string; minOut: bigint; expectedOut?: bigint }) {
    const { protocol, minOut, expectedOut } = params
    super(
      `${protocol} would give less than minOut (${minOut})${expectedOut === undefined ? '' : `: ${expectedOut} now`}.`,
      {
        details: ['The rate moved or minOut is too high; read the preview again and retry.'],
        docsPath: '/errors#min-out-not-met',
      },
    )
    this.protocol = protocol
    this.minOut = minOut
    this.expectedOut = expectedOut
  }
}

/** The protocol does not accept this asset for deposits. */
export class UnsupportedAssetError extends RestakeKitError {
  override name = 'UnsupportedAssetError' as const
  readonly protocol: string
  readonly asset: Address
  constructor(params: { protocol: string; asset: Address; supported?: readonly Address[] }) {
    const { protocol, asset, supported } = params
    super(`${protocol} does not accept ${asset} for deposits.`, {
      details: supported ? [`supported: ${supported.join(', ')}`] : [],
      docsPath: '/errors#unsupported-asset',
    })
    this.protocol = protocol
    this.asset = asset
  }
}

/** The deposit exceeds what the protocol still accepts of this asset (its deposit limit). */
export class DepositLimitExceededError extends RestakeKitError {
  override name = 'DepositLimitExceededError' as const
  readonly protocol: string
  readonly asset: Address
  readonly amount: bigint
  readonly remaining: bigint
  constructor(params: { protocol: string; asset: Address; amount: bigint; remaining: bigint }) {
    const { protocol, asset, amount, remaining } = params
    super(`${protocol} accepts ${remaining} more of ${asset}; ${amount} exceeds its deposit limit.`, {
      docsPath: '/errors#deposit-limit',
    })
    this.protocol = protocol
    this.asset = asset
    this.amount = amount
    this.remaining = remaining
  }
}

/** The deployment is marked unconfirmed (not in the protocol's own repository); a write needs `allowUnverified: true`. */
export class UnverifiedDeploymentError extends RestakeKitError {
  override name = 'UnverifiedDeploymentError' as const
  readonly protocol: string
  constructor(params: { protocol: string }) {
    super(`The ${params.protocol} deployment is marked unconfirmed; nothing was sent.`, {
      details: ['Pass `allowUnverified: true` to write to it anyway, after checking the addresses yourself.'],
      docsPath: '/errors#unverified-deployment',
    })
    this.protocol = params.protocol
  }
}

/**
 * The node does not hold the state of a past block a read needs (a pruned or non-archive node, or
 * a block before the history it was started with): nothing can be computed from that block there.
 */
export class HistoricalStateUnavailableError extends RestakeKitError {
  override name = 'HistoricalStateUnavailableError' as const
  readonly protocol: string
  readonly blockNumber: bigint
  constructor(params: { protocol: string; blockNumber: bigint; cause?: unknown }) {
    const { protocol, blockNumber, cause } = params
    super(
      `The node has no state of block ${blockNumber}, so ${protocol}'s rate at that block cannot be read.`,
      {
        details: ['Use an archive node (or one that keeps that block), or a later fromBlock / fewer days.'],
        docsPath: '/errors#historical-state-unavailable',
        cause,
      },
    )
    this.protocol = protocol
    this.blockNumber = blockNumber
  }
}
