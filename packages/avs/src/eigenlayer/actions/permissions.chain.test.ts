import { haveEigenLayer } from '@restakekit/devnet'
import { zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { AppointeePermissionError, NotAccountAdminError } from '../errors.js'
import { UnauthorizedCallerError } from '../revert.js'
import { expectRefused, useAvsEnv } from '../test/helpers.js'
import { setAllocationDelay } from './allocationDelay.js'
import {
  removeAppointee,
  selectorOf,
  setAppointee,
  waitForRemoveAppointee,
  waitForSetAppointee,
} from './appointees.js'
import {
  modifyOperatorDetails,
  updateOperatorMetadataURI,
  waitForUpdateOperatorMetadataURI,
} from './operatorDetails.js'
import { registerAsOperator } from './registerAsOperator.js'

describe.skipIf(!haveEigenLayer())('PermissionController appointees (real EigenLayer state)', () => {
  const t = useAvsEnv()

  test('an operator key that may call one selector only: granted, used, refused elsewhere, taken back', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const op = await env.devnet.newAccount()
    const key = await env.devnet.newAccount()
    const stranger = await env.devnet.newAccount()
    const ow = env.devnet.walletClient(op)
    const kw = env.devnet.walletClient(key)
    await pc.waitForTransactionReceipt({
      hash: await registerAsOperator(ow, {
        deployment,
        metadataURI: 'https://restakekit.dev/op.json',
        allocationDelay: 0,
      }),
    })
    const permission = {
      appointee: key.address,
      target: deployment.delegationManager,
      selector: selectorOf('updateOperatorMetadataURI(address,string)'),
    }
    await expectRefused(
      env,
      stranger.address,
      () =>
        setAppointee(env.devnet.walletClient(stranger), { deployment, principal: op.address, ...permission }),
      NotAccountAdminError,
    )
    const set = await waitForSetAppointee(pc, await setAppointee(ow, { deployment, ...permission }))
    expect(set.permission).toEqual({ account: op.address, ...permission })
    const twice = await expectRefused(
      env,
      op.address,
      () => setAppointee(ow, { deployment, ...permission }),
      AppointeePermissionError,
    )
    expect(twice.appointed).toBe(true)

    // the key updates the operator's metadata URI, and nothing else
    const u = await waitForUpdateOperatorMetadataURI(
      pc,
      await updateOperatorMetadataURI(kw, {
        deployment,
        operator: op.address,
        metadataURI: 'ipfs://by-appointee',
      }),
    )
    expect(u.metadataURI).toBe('ipfs://by-appointee')
    const refused = await expectRefused(
      env,
      key.address,
      () => modifyOperatorDetails(kw, { deployment, operator: op.address, delegationApprover: zeroAddress }),
      UnauthorizedCallerError,
    )
    expect([refused.caller, refused.subject]).toEqual([key.address, op.address])
    await expectRefused(
      env,
      key.address,
      () => setAllocationDelay(kw, { deployment, operator: op.address, delay: 1 }),
      UnauthorizedCallerError,
    )

    const removed = await waitForRemoveAppointee(pc, await removeAppointee(ow, { deployment, ...permission }))
    expect(removed.permission).toEqual({ account: op.address, ...permission })
    await expectRefused(
      env,
      key.address,
      () => updateOperatorMetadataURI(kw, { deployment, operator: op.address, metadataURI: 'ipfs://again' }),
      UnauthorizedCallerError,
    )
    const gone = await expectRefused(
      env,
      op.address,
      () => removeAppointee(ow, { deployment, ...permission }),
      AppointeePermissionError,
    )
    expect(gone.appointed).toBe(false)
  })
})
