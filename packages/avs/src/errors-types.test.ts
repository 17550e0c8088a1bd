import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  avsRevertMapper,
  type CreateAVSRewardsSubmissionErrorType,
  type GetAllocationDelayErrorType,
  type GetOperatorSplitErrorType,
  type ModifyAllocationsErrorType,
  OperatorNotSlashableError,
  type RegisterAsOperatorErrorType,
  type SlashOperatorErrorType,
  type UnauthorizedCallerError,
} from './eigenlayer.js'
import {
  type ExecuteSlashErrorType,
  type GetOptInErrorType,
  type OptInErrorType,
  type SetNetworkLimitErrorType,
  type SignOptInErrorType,
  type SlashRequestNotFoundError,
  symbioticAvsRevertMapper,
} from './symbiotic.js'

type Name<E> = E extends { name: infer N } ? N : never

const operator = '0x0000000000000000000000000000000000000001' as const
const avs = '0x0000000000000000000000000000000000000002' as const
const slasher = '0x0000000000000000000000000000000000000003' as const

describe('action error unions', () => {
  it('an EigenLayer write names its own checks and reverts and the send pipeline (checked by tsc)', () => {
    expectTypeOf<'TransactionPendingError'>().toExtend<Name<SlashOperatorErrorType>>()
    expectTypeOf<'TransactionUnknownError'>().toExtend<Name<SlashOperatorErrorType>>()
    expectTypeOf<'UserRejectedError'>().toExtend<Name<SlashOperatorErrorType>>()
    expectTypeOf<'OperatorNotSlashableError'>().toExtend<Name<SlashOperatorErrorType>>()
    expectTypeOf<'UnauthorizedCallerError'>().toExtend<Name<SlashOperatorErrorType>>()
    expectTypeOf<'OperatorAlreadyRegisteredError'>().toExtend<Name<RegisterAsOperatorErrorType>>()
    expectTypeOf<'InvalidOperatorMetadataError'>().toExtend<Name<RegisterAsOperatorErrorType>>()
    expectTypeOf<'AllocationDelayNotSetError'>().toExtend<Name<ModifyAllocationsErrorType>>()
    expectTypeOf<'InsufficientAllowanceError'>().toExtend<Name<CreateAVSRewardsSubmissionErrorType>>()
    expectTypeOf<'StepFailedError'>().toExtend<Name<CreateAVSRewardsSubmissionErrorType>>()
    // only what the action can throw: no slashing error from a registration
    expectTypeOf<'InvalidWadToSlashError'>().not.toExtend<Name<RegisterAsOperatorErrorType>>()
  })

  it('an EigenLayer read names its own errors and the read errors', () => {
    expectTypeOf<'ContractFunctionExecutionError'>().toExtend<Name<GetAllocationDelayErrorType>>()
    expectTypeOf<'RpcUnavailableError'>().toExtend<Name<GetOperatorSplitErrorType>>()
    expectTypeOf<'InvalidAddressError'>().toExtend<Name<GetOperatorSplitErrorType>>()
    expectTypeOf<'TransactionPendingError'>().not.toExtend<Name<GetAllocationDelayErrorType>>()
  })

  it('a Symbiotic write and read the same way', () => {
    expectTypeOf<'TransactionPendingError'>().toExtend<Name<ExecuteSlashErrorType>>()
    expectTypeOf<'SlashRequestNotFoundError'>().toExtend<Name<ExecuteSlashErrorType>>()
    expectTypeOf<'VetoPeriodNotEndedError'>().toExtend<Name<ExecuteSlashErrorType>>()
    expectTypeOf<'SymbioticNotRegisteredError'>().toExtend<Name<OptInErrorType>>()
    expectTypeOf<'OptInStateError'>().toExtend<Name<OptInErrorType>>()
    expectTypeOf<'MissingRoleError'>().toExtend<Name<SetNetworkLimitErrorType>>()
    expectTypeOf<'ExceedsMaxNetworkLimitError'>().toExtend<Name<SetNetworkLimitErrorType>>()
    expectTypeOf<'OptOutCooldownError'>().not.toExtend<Name<OptInErrorType>>()
    expectTypeOf<'ContractFunctionExecutionError'>().toExtend<Name<GetOptInErrorType>>()
    expectTypeOf<'InvalidParameterError'>().toExtend<Name<SignOptInErrorType>>()
  })

  it('a decoded revert narrows on its name to its class', () => {
    // the AVS's own errors, as the revert mappers return them
    const slash = avsRevertMapper({ operator, avs, operatorSet: { avs, id: 1 } })(
      'OperatorNotSlashable',
      [],
    ) as SlashOperatorErrorType
    if (slash.name === 'OperatorNotSlashableError') {
      expectTypeOf(slash).toEqualTypeOf<OperatorNotSlashableError>()
      expect(slash).toBeInstanceOf(OperatorNotSlashableError)
      expect(slash.operatorSet).toEqual({ avs, id: 1 })
    } else throw new Error('narrowed to the wrong class')

    const caller = avsRevertMapper({ caller: operator, subject: avs })(
      'InvalidPermissions',
      [],
    ) as SlashOperatorErrorType
    if (caller.name === 'UnauthorizedCallerError') {
      expectTypeOf(caller).toEqualTypeOf<UnauthorizedCallerError>()
      expect(caller.subject).toBe(avs)
    } else throw new Error('narrowed to the wrong class')

    const request = symbioticAvsRevertMapper({ contract: slasher, slashIndex: 7n })(
      'SlashRequestNotExist',
      [],
    ) as ExecuteSlashErrorType
    if (request.name === 'SlashRequestNotFoundError') {
      expectTypeOf(request).toEqualTypeOf<SlashRequestNotFoundError>()
      expect(request.slashIndex).toBe(7n)
      expect(request.slasher).toBe(slasher)
    } else throw new Error('narrowed to the wrong class')
  })
})
