import type { Account, Address, Hex } from 'viem'
import { InvalidParameterError } from '../../errors.js'
import {
  assertAddress,
  assertNonEmpty,
  type Call,
  calls,
  encodeCall,
  readBatch,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
  unwrap,
  type WaitForEventsReturnType,
  waitForEvents,
} from '../../tx.js'
import { symbioticVaultAbi } from '../abis.js'
import {
  AlreadyClaimedError,
  EpochNotClaimableError,
  NothingToClaimError,
  SymbioticVaultNotFoundError,
  symbioticRevertMapper,
} from '../errors.js'
import {
  accountOf,
  addressOf,
  assertRecipient,
  type SymbioticReadClient,
  type SymbioticWalletClient,
} from '../internal.js'
import { claimableAt, type EpochClock, isEpochClaimable } from '../math.js'
import { getVaultPosition } from './getVaultPosition.js'

function assertEpochs(epochs: readonly bigint[]): readonly bigint[] {
  assertNonEmpty('epochs', epochs)
  for (const e of epochs)
    if (typeof e !== 'bigint' || e < 0n)
      throw new InvalidParameterError('epochs', `${String(e)} is not an epoch`)
  if (new Set(epochs).size !== epochs.length) throw new InvalidParameterError('epochs', 'contain duplicates')
  return epochs
}

export type PrepareClaimFromVaultParameters = { vault: Address; recipient: Address } & (
  | { epoch: bigint; epochs?: undefined }
  | { epochs: readonly bigint[]; epoch?: undefined }
)

/** `claim(recipient, epoch)`, or `claimBatch(recipient, epochs)` for several, as a frozen call list (pure). */
export function prepareClaimFromVault(params: PrepareClaimFromVaultParameters): readonly Call[] {
  const vault = assertAddress('vault', params.vault)
  const recipient = assertRecipient('recipient', params.recipient)
  const epochs = assertEpochs(params.epochs ?? [params.epoch as bigint])
  return calls(
    epochs.length === 1
      ? encodeCall({
          address: vault,
          abi: symbioticVaultAbi,
          functionName: 'claim',
          args: [recipient, epochs[0]!],
        })
      : encodeCall({
          address: vault,
          abi: symbioticVaultAbi,
          functionName: 'claimBatch',
          args: [recipient, epochs],
        }),
  )
}

export type ClaimFromVaultParameters = {
  vault: Address
  /** Who receives the collateral (default: the sending account). */
  recipient?: Address
  /** One epoch, or several (`claimBatch`); omit both to claim every claimable epoch. */
  epoch?: bigint
  epochs?: readonly bigint[]
  /** When claiming everything: how many epochs back to look (default 8). */
  lookback?: number
  account?: Account | Address
}

export type SimulateClaimFromVaultReturnType = SimulatedWrite<bigint> & {
  /** The epochs claimed and the collateral they pay out. */
  epochs: readonly bigint[]
  amount: bigint
}

export type ClaimFromVaultErrorType =
  | InvalidParameterError
  | EpochNotClaimableError
  | AlreadyClaimedError
  | NothingToClaimError
  | SymbioticVaultNotFoundError
  | Error

/**
 * Checks each epoch (claimable now, not claimed, non-zero) and simulates `claim` or `claimBatch`.
 * Without epochs it finds every claimable one (see `getVaultPosition`).
 */
export async function simulateClaimFromVault(
  client: SymbioticReadClient,
  params: ClaimFromVaultParameters,
): Promise<SimulateClaimFromVaultReturnType> {
  const vault = assertAddress('vault', params.vault)
  const account = accountOf(client, params.account)
  const sender = addressOf(account)
  const recipient = params.recipient ? assertRecipient('recipient', params.recipient) : sender
  if (params.epoch !== undefined && params.epochs !== undefined)
    throw new InvalidParameterError('epoch', 'pass epoch or epochs, not both')

  let epochs: readonly bigint[]
  let amount: bigint
  let clock: EpochClock
  let currentEpoch: bigint
  if (params.epoch === undefined && params.epochs === undefined) {
    const p = await getVaultPosition(client, {
      vault,
      account: sender,
      ...(params.lookback === undefined ? {} : { lookback: params.lookback }),
    })
    if (p.claimableEpochs.length === 0) throw new NothingToClaimError(vault, sender, undefined)
    epochs = p.claimableEpochs
    amount = p.claimable
    clock = p
    currentEpoch = p.currentEpoch
  } else {
    epochs = assertEpochs(params.epochs ?? [params.epoch as bigint])
    const r = await readBatch(client, [
      { address: vault, abi: symbioticVaultAbi, functionName: 'currentEpoch' },
      { address: vault, abi: symbioticVaultAbi, functionName: 'epochDurationInit' },
      { address: vault, abi: symbioticVaultAbi, functionName: 'epochDuration' },
      ...epochs.flatMap((epoch) => [
        { address: vault, abi: symbioticVaultAbi, functionName: 'withdrawalsOf', args: [epoch, sender] },
        {
          address: vault,
          abi: symbioticVaultAbi,
          functionName: 'isWithdrawalsClaimed',
          args: [epoch, sender],
        },
      ]),
    ])
    if (r.slice(0, 3).some((x) => x.status !== 'success')) throw new SymbioticVaultNotFoundError(vault)
    currentEpoch = unwrap<bigint>(r[0])
    clock = { epochDurationInit: BigInt(unwrap<number>(r[1])), epochDuration: BigInt(unwrap<number>(r[2])) }
    amount = 0n
    const empty: bigint[] = []
    for (const [i, epoch] of epochs.entries()) {
      if (!isEpochClaimable(epoch, currentEpoch))
        throw new EpochNotClaimableError(vault, epoch, currentEpoch, claimableAt(clock, epoch))
      if (unwrap<boolean>(r[4 + 2 * i])) throw new AlreadyClaimedError(vault, sender, epoch)
      const value = unwrap<bigint>(r[3 + 2 * i])
      if (value === 0n) empty.push(epoch)
      amount += value
    }
    if (empty.length > 0) throw new NothingToClaimError(vault, sender, empty)
  }

  const mapper = symbioticRevertMapper({
    vault,
    account: sender,
    epochs,
    currentEpoch,
    claimableAt: (epoch) => claimableAt(clock, epoch),
  })
  const simulated =
    epochs.length === 1
      ? await simulateWrite<bigint>(client, {
          account,
          address: vault,
          abi: symbioticVaultAbi,
          functionName: 'claim',
          args: [recipient, epochs[0]],
          contract: 'Vault',
          mapper,
        })
      : await simulateWrite<bigint>(client, {
          account,
          address: vault,
          abi: symbioticVaultAbi,
          functionName: 'claimBatch',
          args: [recipient, epochs],
          contract: 'Vault',
          mapper,
        })
  return { ...simulated, epochs, amount }
}

/** Claims one epoch, several (`claimBatch`), or every claimable one: validate → check → simulate → send. */
export async function claimFromVault(
  walletClient: SymbioticWalletClient,
  params: ClaimFromVaultParameters,
): Promise<Hex> {
  const { request } = await simulateClaimFromVault(walletClient, params)
  return sendWrite(walletClient, request)
}

/** Waits for a claim and decodes the vault's events (`Claim` or `ClaimBatch`). */
export function waitForClaimFromVault(
  client: SymbioticReadClient,
  hash: Hex,
): Promise<WaitForEventsReturnType<typeof symbioticVaultAbi>> {
  return waitForEvents(client, hash, symbioticVaultAbi)
}
