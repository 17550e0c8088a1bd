import { haveEigenLayer } from '@restakekit/devnet'
import { createWalletClient, custom, type EIP1193RequestFn, http, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { permissionControllerAbi } from '../abis.js'
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
  // The state changes between the check and the call: another client of the same admin grants the
  // same permission right after setAppointee's check read. The simulation then meets the
  // PermissionController's own AppointeeAlreadySet revert, which comes out as the same typed error
  // the check raises (before: a ContractRevertError naming the revert), and nothing is sent.
  test('a permission granted between the check and the call: AppointeePermissionError from the revert, nothing sent', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const op = await env.devnet.newAccount()
    const key = await env.devnet.newAccount()
    const permission = {
      appointee: key.address,
      target: deployment.delegationManager,
      selector: selectorOf('modifyOperatorDetails(address,address)'),
    }
    const other = env.devnet.walletClient(op)
    const inner = http(env.devnet.rpcUrl)({ chain: env.devnet.chain })
    let raced = false
    const request: EIP1193RequestFn = async (args) => {
      const answer = await inner.request(args as never)
      const to = (args.params as [{ to?: string }] | undefined)?.[0]?.to?.toLowerCase()
      if (!raced && args.method === 'eth_call' && to === env.devnet.deployments.multicall3.toLowerCase()) {
        raced = true
        const hash = await other.writeContract({
          address: deployment.permissionController,
          abi: permissionControllerAbi,
          functionName: 'setAppointee',
          args: [op.address, permission.appointee, permission.target, permission.selector],
        })
        expect((await pc.waitForTransactionReceipt({ hash })).status).toBe('success')
      }
      return answer as never
    }
    const wallet = createWalletClient({
      account: op,
      chain: env.devnet.chain,
      transport: custom({ request }),
    })
    const before = await pc.getTransactionCount({ address: op.address })
    const err = await setAppointee(wallet, { deployment, ...permission }).catch((e: unknown) => e)
    expect(raced).toBe(true)
    expect(err).toBeInstanceOf(AppointeePermissionError)
    expect((err as AppointeePermissionError).appointed).toBe(true)
    expect((err as AppointeePermissionError).selector).toBe(permission.selector)
    // only the other client's transaction went out
    expect(await pc.getTransactionCount({ address: op.address })).toBe(before + 1)
  })
})
