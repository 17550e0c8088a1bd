import { decodeFunctionData } from 'viem'
import { describe, expect, test } from 'vitest'
import { UnsupportedChainError } from '../../errors.js'
import { eigenPodManagerAbi } from '../abis.js'
import { eigenlayerDeployments } from '../deployments.js'
import { silentClients, unknownChain } from '../test/unit.js'
import { createPod, prepareCreatePod } from './createPod.js'
import { getPod } from './getPod.js'

describe('createPod / getPod (unit)', () => {
  test('prepareCreatePod targets the chain EigenPodManager', () => {
    const [call] = prepareCreatePod({ chainId: 1 })
    expect(call!.to).toBe(eigenlayerDeployments[1].eigenPodManager)
    expect(decodeFunctionData({ abi: eigenPodManagerAbi, data: call!.data }).functionName).toBe('createPod')
  })

  test('an unknown chain is UnsupportedChainError before any request', async () => {
    const { walletClient, publicClient, counter } = silentClients(unknownChain)
    await expect(createPod(walletClient, {})).rejects.toBeInstanceOf(UnsupportedChainError)
    await expect(getPod(publicClient, { owner: walletClient.account.address })).rejects.toBeInstanceOf(
      UnsupportedChainError,
    )
    expect(counter.requests).toBe(0)
  })
})
