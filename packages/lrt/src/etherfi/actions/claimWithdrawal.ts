import {
  type BatchResult,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  InvalidParameterError,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  type UnsupportedChainError,
  unwrap,
  WithdrawalNotReadyError,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import { type Address, isAddressEqual } from 'viem'
import {
  type DeploymentMismatchError,
  type UnverifiedDeploymentError,
  WithdrawalRequestNotFoundError,
  WithdrawalRequestNotOwnedError,
} from '../../errors.js'
import {
  etherfiLiquidityPoolAbi,
  etherfiWithdrawRequestEventsAbi,
  etherfiWithdrawRequestEventsV2026Abi,
  etherfiWithdrawRequestNFTAbi,
  etherfiWithdrawRequestNFTErrorsAbi,
  joinAbis,
} from '../abis.js'
import type { EtherFiDeployment } from '../deployments.js'
import { assertEtherFi, assertVerified, identityReads, PROTOCOL, writeDeployment } from './internal.js'

export type ClaimWithdrawalParameters = {
  /** The request id(s) (the NFT token ids): one is `claimWithdraw`, several `batchClaimWithdraw`. */
  ids: bigint | readonly bigint[]
  allowUnverified?: boolean
  deployment?: EtherFiDeployment
}

type Resolved = { ids: readonly bigint[]; d: EtherFiDeployment }
type ClaimState = { amounts: readonly bigint[] }

function assertIds(value: unknown): readonly bigint[] {
  const ids = typeof value === 'bigint' ? [value] : value
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'bigint' || id <= 0n))
    throw new InvalidParameterError({
      parameter: 'ids',
      reason: 'must be a request id (bigint > 0) or a non-empty list of them',
    })
  if (new Set(ids).size !== ids.length)
    throw new InvalidParameterError({ parameter: 'ids', reason: 'lists a request twice' })
  return ids as readonly bigint[]
}

const nftAbi = /* @__PURE__ */ joinAbis(etherfiWithdrawRequestNFTAbi, etherfiWithdrawRequestNFTErrorsAbi)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const CLAIM_WITHDRAWAL = 'etherfi.claimWithdrawal'
const claimWithdrawalCall = /* @__PURE__ */ defineCall({
  name: CLAIM_WITHDRAWAL,
  contract: 'WithdrawRequestNFT',
  deployment: writeDeployment,
  resolve: (p: ClaimWithdrawalParameters, { deployment }): Resolved => {
    const d = deployment as EtherFiDeployment
    assertVerified(d, p.allowUnverified)
    return { ids: assertIds(p.ids), d }
  },
  call: (a) =>
    a.ids.length === 1
      ? contractCall({
          address: a.d.withdrawRequestNFT,
          abi: nftAbi,
          functionName: 'claimWithdraw',
          args: [a.ids[0] as bigint],
        })
      : contractCall({
          address: a.d.withdrawRequestNFT,
          abi: nftAbi,
          functionName: 'batchClaimWithdraw',
          args: [a.ids],
        }),
})
const claimWithdrawalReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(
    etherfiWithdrawRequestEventsAbi,
    etherfiWithdrawRequestEventsV2026Abi,
    etherfiLiquidityPoolAbi,
  ),
})
const claimWithdrawal_ = /* @__PURE__ */ defineWrite(claimWithdrawalCall, {
  read: (a, { sender }) => {
    const nft = { address: a.d.withdrawRequestNFT, abi: nftAbi } as const
    return stage(
      [
        ...identityReads(a.d),
        { ...nft, functionName: 'paused' },
        ...a.ids.flatMap((id) => [
          { ...nft, functionName: 'ownerOf', args: [id] },
          { ...nft, functionName: 'getRequest', args: [id] },
          { ...nft, functionName: 'isFinalized', args: [id] },
          { ...nft, functionName: 'getClaimableAmount', args: [id] },
        ]),
      ],
      ([symbol, paused, ...r]: readonly BatchResult[]): ClaimState => {
        assertEtherFi(a.d, [symbol], [['WithdrawRequestNFT', a.d.withdrawRequestNFT, paused]])
        const amounts = a.ids.map((id, i) => {
          const holder = r[4 * i]
          const owner = holder?.status === 'success' ? (holder.result as Address) : null
          // ownerOf reverts for a burnt (claimed) or never-minted NFT
          if (!owner)
            throw new WithdrawalRequestNotFoundError({ protocol: PROTOCOL, requestId: id, owner: sender })
          if (!isAddressEqual(owner, sender))
            throw new WithdrawalRequestNotOwnedError({
              protocol: PROTOCOL,
              requestId: id,
              owner,
              account: sender,
            })
          const { isValid } = unwrap<{ isValid: boolean }>(r[4 * i + 1])
          // isFinalized alone stays true after a claim: the request must be valid too
          if (!unwrap<boolean>(r[4 * i + 2]) || !isValid || unwrap<boolean>(paused))
            throw new WithdrawalNotReadyError({ protocol: PROTOCOL, id })
          return unwrap<bigint>(r[4 * i + 3])
        })
        return { amounts }
      },
    )
  },
  revert: (a) => (reason) =>
    reason === 'RequestNotFinalized' || reason === 'RequestNotValid'
      ? new WithdrawalNotReadyError({
          protocol: PROTOCOL,
          ...(a.ids.length === 1 ? { id: a.ids[0] as bigint } : {}),
        })
      : undefined,
  simulated: (_a, s) => ({ amounts: s.amounts, amountOut: s.amounts.reduce((x, y) => x + y, 0n) }),
  receipt: claimWithdrawalReceipt,
})

export type ClaimWithdrawalErrorType =
  | DeploymentMismatchError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidParameterError
  | WithdrawalNotReadyError
  | WithdrawalRequestNotFoundError
  | WithdrawalRequestNotOwnedError
  | WriteErrorType

/** Layer 1 (pure): `claimWithdraw(id)`, or `batchClaimWithdraw(ids)` for several, on the WithdrawRequestNFT. */
export const prepareClaimWithdrawal = /* @__PURE__ */ prepareOf(claimWithdrawalCall)
/**
 * Layer 2: identity guard, then per request: the NFT exists (`WithdrawalRequestNotFoundError`) and
 * is the sender's (`WithdrawalRequestNotOwnedError`), it is
 * finalized AND valid (`WithdrawalNotReadyError`); simulates: `amountOut` is the ETH the claim pays.
 */
export const simulateClaimWithdrawal = /* @__PURE__ */ simulateOf(claimWithdrawal_)
/** Layer 3: every check, then simulates and sends. */
export const claimWithdrawal = /* @__PURE__ */ sendOf(claimWithdrawal_)
/** Layer 4: the receipt and its decoded events (`WithdrawRequestClaimed` in either form, the pool's `Withdraw`). */
export const waitForClaimWithdrawal = /* @__PURE__ */ waitForOf(
  { name: CLAIM_WITHDRAWAL },
  claimWithdrawalReceipt,
)
