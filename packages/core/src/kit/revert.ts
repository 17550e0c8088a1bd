import { type Address, BaseError, ContractFunctionRevertedError } from 'viem'
import {
  ContractRevertError,
  InsufficientAllowanceError,
  InsufficientBalanceError,
  type RestakeKitError,
} from '../errors.js'

/** Maps a decoded custom error to a typed error a user can act on; return undefined to keep the generic one. */
export type RevertMapper = (reason: string, args: readonly unknown[]) => RestakeKitError | undefined

/**
 * Maps an OpenZeppelin 5 token's `ERC20InsufficientAllowance` / `ERC20InsufficientBalance` (bubbled
 * up through a vault's `transferFrom`) to the shared `InsufficientAllowanceError` /
 * `InsufficientBalanceError` for `token`. The call's ABI must hold the two error fragments.
 */
export function erc20RevertMapper(token: Address): RevertMapper {
  return (reason, args) => {
    if (reason === 'ERC20InsufficientAllowance') {
      const [spender, allowance, needed] = args as [Address, bigint, bigint]
      return new InsufficientAllowanceError({ token, spender, required: needed, allowance })
    }
    if (reason === 'ERC20InsufficientBalance') {
      const [sender, balance, needed] = args as [Address, bigint, bigint]
      return new InsufficientBalanceError({ token, required: needed, balance, account: sender })
    }
    return undefined
  }
}

/**
 * Turns a viem contract error into a `RestakeKitError`: the custom error decoded against the ABI
 * and mapped through `mapper` when it knows it, else a `ContractRevertError`. Raw revert data is kept.
 */
export function decodeRevert(
  error: unknown,
  contract: string,
  functionName: string,
  mapper?: RevertMapper,
): Error {
  if (!(error instanceof BaseError)) return error as Error
  const reverted = error.walk(
    (e) => e instanceof ContractFunctionRevertedError,
  ) as ContractFunctionRevertedError | null
  if (!reverted) return error
  const reason = reverted.data?.errorName ?? (reverted.reason ? `Error("${reverted.reason}")` : undefined)
  const args = (reverted.data?.args ?? []) as readonly unknown[]
  const mapped = reason && reverted.data ? mapper?.(reason, args) : undefined
  if (mapped) {
    ;(mapped as { cause?: unknown }).cause = error
    return mapped
  }
  return new ContractRevertError({
    contract,
    functionName,
    reason,
    args: reverted.data?.args,
    data: reverted.raw,
    cause: error,
  })
}
