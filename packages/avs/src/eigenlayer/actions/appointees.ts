import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type EigenLayerDeployment,
  type InvalidAddressError,
  InvalidParameterError,
  prepareOf,
  type RevertMapper,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import { type Address, type Hex, isHex, toFunctionSelector } from 'viem'
import { type DeploymentParameter, sameAddress, specDeployment } from '../../internal.js'
import { permissionControllerAbi } from '../abis.js'
import { AppointeePermissionError, NotAccountAdminError } from '../errors.js'
import { avsRevertMapper } from '../revert.js'

/** The 4-byte selector of a function signature, e.g. `selectorOf('updateOperatorMetadataURI(address,string)')`. */
export function selectorOf(signature: string): Hex {
  return toFunctionSelector(signature)
}

export type AppointeeParameters = {
  /**
   * The operator or AVS whose permission this is (the PermissionController's `account`; default
   * the sender, which must be its admin). Not `account`: that names the sender in every write.
   */
  principal?: Address | undefined
  /** The key that may then call `selector` on `target` for the account. */
  appointee: Address
  target: Address
  /** The function's 4-byte selector (see `selectorOf`). */
  selector: Hex
} & DeploymentParameter

const SET_APPOINTEE = 'eigenlayer.setAppointee'
const REMOVE_APPOINTEE = 'eigenlayer.removeAppointee'

function appointeeWriteCall(kind: 'set' | 'remove') {
  const functionName = kind === 'set' ? 'setAppointee' : 'removeAppointee'
  return defineCall({
    name: kind === 'set' ? SET_APPOINTEE : REMOVE_APPOINTEE,
    contract: 'PermissionController',
    deployment: specDeployment,
    resolve: (p: AppointeeParameters, { deployment, sender }) => {
      if (typeof p.selector !== 'string' || !isHex(p.selector) || p.selector.length !== 10)
        throw new InvalidParameterError({
          parameter: 'selector',
          reason: `${String(p.selector)} is not a 4-byte selector`,
        })
      return {
        account: assertAddress('principal', p.principal ?? sender),
        appointee: assertAddress('appointee', p.appointee),
        target: assertAddress('target', p.target),
        selector: p.selector.toLowerCase() as Hex,
        deployment: deployment as EigenLayerDeployment,
      }
    },
    call: (a) =>
      contractCall({
        address: a.deployment.permissionController,
        abi: permissionControllerAbi,
        functionName,
        args: [a.account, a.appointee, a.target, a.selector],
      }),
  })
}

/** The receipt of `setAppointee` / `removeAppointee`: the permission from its event. */
function appointeeReceipt(kind: 'set' | 'remove') {
  return defineReceipt({
    abi: permissionControllerAbi,
    decode: (_client, r) => {
      const ev = r.events.find((e) => e.eventName === (kind === 'set' ? 'AppointeeSet' : 'AppointeeRemoved'))
      return {
        permission: ev
          ? (ev.args as { account: Address; appointee: Address; target: Address; selector: Hex })
          : undefined,
      }
    },
  })
}

function appointeeWrite(
  kind: 'set' | 'remove',
  call: ReturnType<typeof appointeeWriteCall>,
  receipt: ReturnType<typeof appointeeReceipt>,
) {
  return defineWrite(call, {
    read: (a, { sender }) => {
      const pcAddress = a.deployment.permissionController
      return stage(
        [
          { address: pcAddress, abi: permissionControllerAbi, functionName: 'getAdmins', args: [a.account] },
          {
            address: pcAddress,
            abi: permissionControllerAbi,
            functionName: 'getAppointeePermissions',
            args: [a.account, a.appointee],
          },
        ],
        ([admins, perms]) => {
          const [targets, selectors] = unwrap<readonly [readonly Address[], readonly Hex[]]>(perms)
          const list = unwrap<readonly Address[]>(admins)
          return {
            sender,
            isAdmin:
              list.length === 0 ? sameAddress(sender, a.account) : list.some((x) => sameAddress(x, sender)),
            appointed: targets.some(
              (t, i) => sameAddress(t, a.target) && selectors[i]!.toLowerCase() === a.selector,
            ),
          }
        },
      )
    },
    check: (a, s) => {
      if (!s.isAdmin) throw new NotAccountAdminError({ account: a.account, caller: s.sender })
      if (kind === 'set' && s.appointed)
        throw new AppointeePermissionError({
          appointee: a.appointee,
          target: a.target,
          selector: a.selector,
          appointed: true,
        })
      if (kind === 'remove' && !s.appointed)
        throw new AppointeePermissionError({
          appointee: a.appointee,
          target: a.target,
          selector: a.selector,
          appointed: false,
        })
    },
    revert: (a, _s, { sender }) => appointeeRevertMapper(a, sender),
    receipt,
  })
}

/**
 * @internal The PermissionController's own reverts as the typed errors the checks raise (when the state
 * changed between the check and the call: another admin set or removed the permission, or the
 * sender stopped being an admin), then the shared AVS mapper.
 */
export function appointeeRevertMapper(
  a: { account: Address; appointee: Address; target: Address; selector: Hex },
  sender: Address | undefined,
): RevertMapper {
  const shared = avsRevertMapper({ caller: sender, subject: a.account, contract: 'PermissionController' })
  return (reason, args) => {
    if (reason === 'NotAdmin' && sender)
      return new NotAccountAdminError({ account: a.account, caller: sender })
    if (reason === 'AppointeeAlreadySet' || reason === 'AppointeeNotSet')
      return new AppointeePermissionError({
        appointee: a.appointee,
        target: a.target,
        selector: a.selector,
        appointed: reason === 'AppointeeAlreadySet',
      })
    return shared(reason, args)
  }
}

const setCall = /* @__PURE__ */ appointeeWriteCall('set')
const setReceipt = /* @__PURE__ */ appointeeReceipt('set')
const set_ = /* @__PURE__ */ appointeeWrite('set', setCall, setReceipt)
const removeCall = /* @__PURE__ */ appointeeWriteCall('remove')
const removeReceipt = /* @__PURE__ */ appointeeReceipt('remove')
const remove_ = /* @__PURE__ */ appointeeWrite('remove', removeCall, removeReceipt)

/** Layer 1 (pure): `PermissionController.setAppointee(account, appointee, target, selector)`. */
export const prepareSetAppointee = /* @__PURE__ */ prepareOf(setCall)
/** Layer 2: refuses a sender that is not the account's admin, or a permission already given; simulates. */
export const simulateSetAppointee = /* @__PURE__ */ simulateOf(set_)
/** Layer 3: lets `appointee` call only `selector` on `target` for the account. */
export const setAppointee = /* @__PURE__ */ sendOf(set_)
/** Layer 4: the receipt and the permission from `AppointeeSet`. */
export const waitForSetAppointee = /* @__PURE__ */ waitForOf({ name: SET_APPOINTEE }, setReceipt)
/**
 * A sender that is not the account's admin, a permission already given, a bad selector or address
 * (from the checks, or from the PermissionController's own reverts when the state changed in between).
 */
export type SetAppointeeErrorType =
  | NotAccountAdminError
  | AppointeePermissionError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

/** Layer 1 (pure): `PermissionController.removeAppointee(account, appointee, target, selector)`. */
export const prepareRemoveAppointee = /* @__PURE__ */ prepareOf(removeCall)
/** Layer 2: refuses a sender that is not the account's admin, or a permission not given; simulates. */
export const simulateRemoveAppointee = /* @__PURE__ */ simulateOf(remove_)
/** Layer 3: takes the permission back. */
export const removeAppointee = /* @__PURE__ */ sendOf(remove_)
/** Layer 4: the receipt and the permission from `AppointeeRemoved`. */
export const waitForRemoveAppointee = /* @__PURE__ */ waitForOf({ name: REMOVE_APPOINTEE }, removeReceipt)
/** A sender that is not the account's admin, a permission not given, a bad selector or address. */
export type RemoveAppointeeErrorType = SetAppointeeErrorType
