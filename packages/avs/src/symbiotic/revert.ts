import type { RevertMapper } from '@restakekit/core'
import { type Address, type Hex, zeroAddress } from 'viem'
import {
  ExceedsMaxNetworkLimitError,
  InvalidCaptureTimestampError,
  MissingRoleError,
  NotDelegatorNetworkError,
  NothingToSlashError,
  NotNetworkMiddlewareError,
  NotResolverError,
  OptInSignatureError,
  OptInStateError,
  OptOutCooldownError,
  SlashPeriodEndedError,
  SlashRequestCompletedError,
  SlashRequestNotFoundError,
  SymbioticAlreadyRegisteredError,
  SymbioticAlreadySetError,
  SymbioticNotRegisteredError,
  VetoPeriodEndedError,
  VetoPeriodNotEndedError,
} from './errors.js'

/** What the mapper knows to fill the typed errors (a revert the checks did not foresee, e.g. a race). */
export type SymbioticAvsRevertContext = {
  sender?: Address | undefined
  network?: Address | undefined
  operator?: Address | undefined
  /** The vault or network of an opt-in. */
  where?: Address | undefined
  target?: 'vault' | 'network' | undefined
  contract?: Address | undefined
  subnetwork?: Hex | undefined
  amount?: bigint | undefined
  setting?: string | undefined
  slashIndex?: bigint | undefined
  deadline?: bigint | undefined
  captureTimestamp?: bigint | undefined
}

const none = zeroAddress as Address
const noSubnetwork = `0x${'0'.repeat(64)}` as Hex

/** Maps the registries', services', delegators' and slashers' custom errors to typed errors. */
export function symbioticAvsRevertMapper(ctx: SymbioticAvsRevertContext = {}): RevertMapper {
  const contract = ctx.contract ?? none
  const slashIndex = ctx.slashIndex ?? -1n
  return (reason, args) => {
    switch (reason) {
      case 'NetworkAlreadyRegistered':
        return new SymbioticAlreadyRegisteredError({ entity: 'network', account: ctx.sender ?? none })
      case 'OperatorAlreadyRegistered':
        return new SymbioticAlreadyRegisteredError({ entity: 'operator', account: ctx.sender ?? none })
      case 'NotNetwork':
        return new SymbioticNotRegisteredError({ entity: 'network', account: ctx.sender ?? none })
      case 'NotWho':
        return new SymbioticNotRegisteredError({ entity: 'operator', account: ctx.operator ?? none })
      case 'NotWhereEntity':
        return new SymbioticNotRegisteredError({ entity: ctx.target ?? 'vault', account: ctx.where ?? none })
      case 'AlreadyOptedIn':
      case 'NotOptedIn':
        return new OptInStateError({
          operator: ctx.operator ?? none,
          target: ctx.target ?? 'vault',
          where: ctx.where ?? none,
          optedIn: reason === 'AlreadyOptedIn',
        })
      case 'OptOutCooldown':
        return new OptOutCooldownError({ operator: ctx.operator ?? none, where: ctx.where ?? none })
      case 'ExpiredSignature':
      case 'InvalidSignature':
        return new OptInSignatureError({
          operator: ctx.operator ?? none,
          reason: reason === 'ExpiredSignature' ? 'expired' : 'invalid',
          deadline: ctx.deadline ?? 0n,
        })
      case 'AlreadySet':
        return new SymbioticAlreadySetError({ setting: ctx.setting ?? 'The value', value: 'the given value' })
      case 'ExceedsMaxNetworkLimit':
        return new ExceedsMaxNetworkLimitError({
          subnetwork: ctx.subnetwork ?? noSubnetwork,
          amount: ctx.amount ?? 0n,
          maxNetworkLimit: 0n,
        })
      case 'InvalidNetwork':
        return new NotDelegatorNetworkError({
          delegator: contract,
          network: ctx.network ?? none,
          delegatorNetwork: none,
        })
      case 'AccessControlUnauthorizedAccount':
        return new MissingRoleError({
          contract,
          account: (args?.[0] as Address | undefined) ?? ctx.sender ?? none,
          role: String(args?.[1] ?? 'the role'),
        })
      case 'NotNetworkMiddleware':
        return new NotNetworkMiddlewareError({
          network: ctx.network ?? none,
          caller: ctx.sender ?? none,
          middleware: undefined,
        })
      case 'InvalidCaptureTimestamp':
        return new InvalidCaptureTimestampError({
          captureTimestamp: ctx.captureTimestamp ?? 0n,
          earliest: 0n,
          latest: 0n,
        })
      case 'InsufficientSlash':
        return new NothingToSlashError({
          subnetwork: ctx.subnetwork ?? noSubnetwork,
          operator: ctx.operator ?? none,
          captureTimestamp: ctx.captureTimestamp ?? 0n,
        })
      case 'SlashRequestNotExist':
        return new SlashRequestNotFoundError({ slasher: contract, slashIndex })
      case 'SlashRequestCompleted':
        return new SlashRequestCompletedError({ slasher: contract, slashIndex })
      case 'VetoPeriodNotEnded':
        return new VetoPeriodNotEndedError({ slasher: contract, slashIndex, readyAt: { timestamp: 0n } })
      case 'SlashPeriodEnded':
        return new SlashPeriodEndedError({ slasher: contract, slashIndex, expiredAt: 0n })
      case 'VetoPeriodEnded':
        return new VetoPeriodEndedError({ slasher: contract, slashIndex, vetoDeadline: 0n })
      case 'NoResolver':
      case 'NotResolver':
        return new NotResolverError({
          slasher: contract,
          slashIndex,
          caller: ctx.sender ?? none,
          resolver: undefined,
        })
      default:
        return undefined
    }
  }
}
