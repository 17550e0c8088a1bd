import { createPublicClient, custom } from 'viem'
import { describe, expect, test } from 'vitest'
import { defaultProtocolModules, restakingActions } from './decorator.js'
import { devnetChain } from './eigenlayer/test/unit.js'
import { simulateWithdraw } from './symbiotic/actions/withdraw.js'

const client = createPublicClient({ chain: devnetChain, transport: custom({ request: async () => null }) })

describe('restakingActions: one binder for every protocol module', () => {
  test('each module is bound under its id with every action and prepareX, nothing else', () => {
    const restaking = client.extend(restakingActions()).restaking
    for (const module of defaultProtocolModules) {
      const bound = restaking[module.id]
      expect(Object.keys(bound).sort()).toEqual(
        [...Object.keys(module.actions), ...Object.keys(module.prepare)].sort(),
      )
    }
    expect(Object.keys(restaking).sort()).toEqual(['eigenlayer', 'getPortfolio', 'karak', 'symbiotic'])
  })

  test('every write has its four layers under the same name: prepareX, simulateX, x, waitForX', () => {
    for (const module of defaultProtocolModules) {
      const names = new Set([...Object.keys(module.actions), ...Object.keys(module.prepare)])
      const writes = [...names].filter((n) => n.startsWith('simulate')).map((n) => n.slice('simulate'.length))
      expect(writes.length).toBeGreaterThan(0)
      for (const w of writes) {
        const verb = w[0]!.toLowerCase() + w.slice(1)
        expect([module.id, names.has(`prepare${w}`), names.has(verb), names.has(`waitFor${w}`)]).toEqual([
          module.id,
          true,
          true,
          true,
        ])
      }
    }
  })

  test('a module from another package joins the namespace (and only the named modules are bound)', () => {
    const extra = {
      id: 'example',
      deployments: {},
      actions: {
        getAnswer: (_c: unknown, p: { x: number; deployment?: string }) => `${p.x}:${p.deployment}`,
      },
      prepare: {},
    } as const
    const restaking = client.extend(restakingActions({ protocols: [extra], example: 'dep' })).restaking
    expect(Object.keys(restaking).sort()).toEqual(['example', 'getPortfolio'])
    // the configured deployment fills `deployment` where the call leaves it out
    expect(restaking.example.getAnswer({ x: 1 })).toBe('1:dep')
    expect(restaking.example.getAnswer({ x: 2, deployment: 'own' })).toBe('2:own')
  })

  test('internal viem calls go through getAction: a client that overrides its actions is honoured', async () => {
    const seen: string[] = []
    const vault = '0x0000000000000000000000000000000000000001'
    const account = '0x0000000000000000000000000000000000000002'
    // a node that answers nothing: only the client's own (overridden) actions can serve the write
    const overridden = createPublicClient({
      chain: devnetChain,
      transport: custom({
        async request({ method }) {
          seen.push(method)
          throw new Error('no node here')
        },
      }),
    }).extend(() => ({
      // the vault's write state, as the checks read it (collateral … activeBalanceOf)
      multicall: async () => {
        seen.push('multicall override')
        const values = [vault, 0, 3600, 1n, false, false, false, 0n, 10n, 10n, 10n, 10n]
        return values.map((result) => ({ status: 'success', result })) as never
      },
      // the chain guard asks the node's chain id through the client's actions too
      getChainId: async () => {
        seen.push('getChainId override')
        return devnetChain.id
      },
      simulateContract: async (args: { functionName: string }) => {
        seen.push(`simulate override: ${args.functionName}`)
        return { request: { ...args }, result: [1n, 1n] } as never
      },
    }))
    const simulated = await simulateWithdraw(overridden as never, { vault, amount: 1n, account })
    expect(simulated.result).toEqual([1n, 1n])
    expect([...seen].sort()).toEqual([
      'getChainId override',
      'multicall override',
      'simulate override: withdraw',
    ])
  })
})
