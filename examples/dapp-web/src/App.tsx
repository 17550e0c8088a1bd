import {
  describeStage,
  eigenlayerCompleteWithdrawalsMutationOptions,
  eigenlayerDelegateMutationOptions,
  eigenlayerDepositMutationOptions,
  eigenlayerQueueWithdrawalsMutationOptions,
  portfolioQueryOptions,
  type QueryDeployments,
  symbioticClaimMutationOptions,
  symbioticDepositMutationOptions,
  symbioticWithdrawMutationOptions,
  toKeyPart,
  type WriteStage,
} from '@restakekit/core/query'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { type Address, erc20Abi, type Hex, parseUnits } from 'viem'
import { useConnect, useConnection, usePublicClient, useWalletClient } from 'wagmi'
import type { PageConfig } from './lib/config.js'
import { exposureQueryOptions } from './lib/exposure.js'
import { errorText, fmt, show } from './lib/format.js'

type Client = NonNullable<ReturnType<typeof usePublicClient>>
type Wallet = Parameters<typeof eigenlayerDepositMutationOptions>[0]

/** The restakekit dApp: portfolio, exposure, and the EigenLayer and Symbiotic staker flows. */
export function App({ cfg }: { cfg: PageConfig }) {
  const { address } = useConnection()
  const { connect, connectors, error } = useConnect()
  const client = usePublicClient()
  const { data: wallet } = useWalletClient()
  if (!client) return <p>No client for chain {cfg.chainId}.</p>
  return (
    <main>
      <h1>restakekit dApp</h1>
      <section>
        {address ? (
          <p>
            Connected: <code data-testid="account">{address}</code>
          </p>
        ) : (
          <button type="button" data-testid="connect" onClick={() => connect({ connector: connectors[0]! })}>
            Connect wallet
          </button>
        )}
        {error && <p className="error">{errorText(error)}</p>}
      </section>
      {address && (
        <>
          <Holdings cfg={cfg} client={client} staker={address} />
          <Portfolio cfg={cfg} client={client} staker={address} />
          <Exposure cfg={cfg} client={client} staker={address} />
          {wallet && (
            <Flows cfg={cfg} client={client} wallet={wallet as unknown as Wallet} staker={address} />
          )}
        </>
      )}
    </main>
  )
}

const deploymentsOf = (cfg: PageConfig): QueryDeployments => ({
  ...(cfg.eigenlayer ? { eigenlayer: cfg.eigenlayer } : {}),
  ...(cfg.symbiotic ? { symbiotic: cfg.symbiotic } : {}),
})

function Holdings({ cfg, client, staker }: { cfg: PageConfig; client: Client; staker: Address }) {
  const tokens = [cfg.defaults?.token].filter((t): t is Address => !!t)
  const vault = cfg.defaults?.vault
  const q = useQuery({
    queryKey: ['restakekit', 'wallet', toKeyPart({ staker, tokens, vault })],
    queryFn: async () => {
      const collateral = vault
        ? await client.readContract({
            address: vault,
            abi: [
              {
                type: 'function',
                name: 'collateral',
                stateMutability: 'view',
                inputs: [],
                outputs: [{ type: 'address' }],
              },
            ],
            functionName: 'collateral',
          })
        : undefined
      const all = [...new Set([...tokens, ...(collateral ? [collateral] : [])])]
      return Promise.all(
        all.map(async (token) => ({
          token,
          balance: await client.readContract({
            address: token,
            abi: erc20Abi,
            functionName: 'balanceOf',
            args: [staker],
          }),
        })),
      )
    },
  })
  return (
    <section>
      <h2>Wallet</h2>
      <ul data-testid="wallet">
        {q.data?.map((t) => (
          <li key={t.token} data-token={t.token.toLowerCase()}>
            {fmt(t.balance)} of token <code>{t.token}</code>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Portfolio({ cfg, client, staker }: { cfg: PageConfig; client: Client; staker: Address }) {
  const q = useQuery(portfolioQueryOptions(client, { staker, deployments: deploymentsOf(cfg) }))
  const queryClient = useQueryClient()
  return (
    <section>
      <h2>
        Portfolio{' '}
        <button
          type="button"
          data-testid="refresh"
          onClick={() => queryClient.invalidateQueries({ queryKey: ['restakekit'] })}
        >
          Refresh
        </button>
      </h2>
      {q.error && <p className="error">{errorText(q.error)}</p>}
      <h3>Positions</h3>
      <table data-testid="positions">
        <thead>
          <tr>
            <th>Protocol</th>
            <th>Strategy / vault</th>
            <th>Asset</th>
            <th>Amount</th>
            <th>Operator</th>
          </tr>
        </thead>
        <tbody>
          {q.data?.positions.map((p) => (
            <tr
              key={`${p.protocol}:${p.location}`}
              data-protocol={p.protocol}
              data-location={p.location.toLowerCase()}
            >
              <td>{p.protocol}</td>
              <td>
                <code>{p.location}</code>
              </td>
              <td>
                <code>{p.asset ?? 'ETH'}</code>
              </td>
              <td data-amount={p.amount.toString()}>{fmt(p.amount)}</td>
              <td>
                <code>{p.operator ?? '—'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Withdrawals</h3>
      <table data-testid="withdrawals">
        <thead>
          <tr>
            <th>Protocol</th>
            <th>Id</th>
            <th>Amount</th>
            <th>Ready</th>
            <th>Ready at</th>
          </tr>
        </thead>
        <tbody>
          {q.data?.withdrawals.map((w) => (
            <tr
              key={`${w.protocol}:${w.location}:${String(w.id)}`}
              data-protocol={w.protocol}
              data-ready={String(w.ready)}
            >
              <td>{w.protocol}</td>
              <td>
                <code>{String(w.id)}</code>
              </td>
              <td data-amount={w.amount.toString()}>{fmt(w.amount)}</td>
              <td>{w.ready ? 'ready' : 'waiting'}</td>
              <td>{w.readyAt === null ? 'when finalized' : show(w.readyAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function Exposure({ cfg, client, staker }: { cfg: PageConfig; client: Client; staker: Address }) {
  const q = useQuery(
    exposureQueryOptions(client, {
      staker,
      vaults: cfg.defaults?.vault ? [cfg.defaults.vault] : [],
      subnetworks: cfg.defaults?.subnetworks ?? [],
      operators: cfg.defaults?.operators ?? [],
      deployments: cfg,
    }),
  )
  const rows = q.data?.exposures ?? []
  // biome-ignore lint/complexity/useMathMinMax: bigints (Math.max takes numbers)
  const max = rows.reduce((m, r) => (r.slashable > m ? r.slashable : m), 0n)
  return (
    <section>
      <h2>Exposure: what each position can lose, per service</h2>
      {q.error && <p className="error">{errorText(q.error)}</p>}
      <table data-testid="exposure">
        <thead>
          <tr>
            <th>Protocol</th>
            <th>Service</th>
            <th>Asset</th>
            <th>Through</th>
            <th>Can lose</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.protocol}:${r.service}:${r.through}:${r.asset}`}
              data-slashable={r.slashable.toString()}
            >
              <td>{r.protocol}</td>
              <td>
                <code>{r.service.slice(0, 18)}…</code>
              </td>
              <td>
                <code>{r.asset.slice(0, 10)}…</code>
              </td>
              <td>
                <code>{r.through.slice(0, 10)}…</code>
              </td>
              <td>{fmt(r.slashable)}</td>
              <td>
                <svg width="200" height="12" role="img" aria-label="share of the largest exposure">
                  <rect
                    width={max === 0n ? 0 : Number((r.slashable * 200n) / max)}
                    height="12"
                    fill="#e65100"
                  />
                </svg>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {q.data && rows.length === 0 && <p>No service can slash these positions.</p>}
    </section>
  )
}

type FlowProps = { cfg: PageConfig; client: Client; wallet: Wallet; staker: Address }

function Flows({ cfg, client, wallet, staker }: FlowProps) {
  const d = cfg.defaults ?? {}
  const [strategy, setStrategy] = useState<string>(d.strategy ?? '')
  const [token, setToken] = useState<string>(d.token ?? '')
  const [elAmount, setElAmount] = useState('1')
  const [operator, setOperator] = useState<string>(d.operator ?? '')
  const [vault, setVault] = useState<string>(d.vault ?? '')
  const [symAmount, setSymAmount] = useState('1')
  const deployments = deploymentsOf(cfg)
  const portfolio = useQuery(portfolioQueryOptions(client, { staker, deployments }))
  const elDeposits = (
    portfolio.data?.eigenlayer as
      | { deposits?: { strategy: Address; withdrawableShares: bigint }[] }
      | undefined
  )?.deposits
  return (
    <>
      <section>
        <h2>EigenLayer</h2>
        <p>
          Strategy{' '}
          <input data-testid="el-strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)} />{' '}
          Token <input data-testid="el-token" value={token} onChange={(e) => setToken(e.target.value)} />
        </p>
        <p>
          Amount{' '}
          <input data-testid="el-amount" value={elAmount} onChange={(e) => setElAmount(e.target.value)} />{' '}
          Operator{' '}
          <input data-testid="el-operator" value={operator} onChange={(e) => setOperator(e.target.value)} />
        </p>
        <Action
          id="el-deposit"
          label="Deposit"
          make={(onStage) => eigenlayerDepositMutationOptions(wallet, client, { deployments, onStage })}
          variables={() => ({
            strategy: strategy as Address,
            token: token as Address,
            amount: parseUnits(elAmount, 18),
          })}
          result={(r) =>
            `Deposited: ${show((r.decoded as { shares?: bigint }).shares)} shares (tx ${r.hash})`
          }
        />
        <Action
          id="el-delegate"
          label="Delegate"
          make={(onStage) => eigenlayerDelegateMutationOptions(wallet, client, { deployments, onStage })}
          variables={() => ({ operator: operator as Address })}
          result={(r) => `Delegated to ${(r.decoded as { operator?: Address }).operator}`}
        />
        <Action
          id="el-queue"
          label="Queue withdrawal of all shares"
          make={(onStage) =>
            eigenlayerQueueWithdrawalsMutationOptions(wallet, client, { deployments, onStage })
          }
          variables={() => {
            const dep = elDeposits?.find((x) => x.strategy.toLowerCase() === strategy.toLowerCase())
            return { strategies: [strategy as Address], shares: [dep?.withdrawableShares ?? 0n] }
          }}
          result={(r) =>
            `Queued withdrawal ${(r.decoded as { withdrawals?: { root: Hex }[] }).withdrawals?.[0]?.root ?? '?'}`
          }
        />
        <Action
          id="el-complete"
          label="Complete ready withdrawals"
          make={(onStage) =>
            eigenlayerCompleteWithdrawalsMutationOptions(wallet, client, { deployments, onStage })
          }
          variables={() => ({})}
          result={(r) =>
            `Completed in block ${r.blockNumber}: ${r.decoded.events.map((e) => e.eventName).join(', ')}`
          }
        />
      </section>
      <section>
        <h2>Symbiotic</h2>
        <p>
          Vault <input data-testid="sym-vault" value={vault} onChange={(e) => setVault(e.target.value)} />{' '}
          Amount{' '}
          <input data-testid="sym-amount" value={symAmount} onChange={(e) => setSymAmount(e.target.value)} />
        </p>
        <Action
          id="sym-deposit"
          label="Deposit"
          make={(onStage) => symbioticDepositMutationOptions(wallet, client, { deployments, onStage })}
          variables={() => ({ vault: vault as Address, amount: parseUnits(symAmount, 18) })}
          result={(r) => `Deposit event: ${eventArgs(r.decoded.events, 'Deposit')}`}
        />
        <Action
          id="sym-withdraw"
          label="Withdraw"
          make={(onStage) => symbioticWithdrawMutationOptions(wallet, client, { deployments, onStage })}
          variables={() => ({ vault: vault as Address, amount: parseUnits(symAmount, 18) })}
          result={(r) =>
            `Withdraw event: ${eventArgs(r.decoded.events, 'Withdraw')}; epoch ${show((r.decoded as { epoch?: bigint }).epoch)}`
          }
        />
        <Action
          id="sym-claim"
          label="Claim"
          make={(onStage) => symbioticClaimMutationOptions(wallet, client, { deployments, onStage })}
          variables={() => ({ vault: vault as Address })}
          result={(r) => `Claim event: ${eventArgs(r.decoded.events, 'Claim')}`}
        />
      </section>
    </>
  )
}

function eventArgs(events: readonly { eventName: string }[], name: string): string {
  const e = events.find((x) => x.eventName === name) as { args?: unknown } | undefined
  return e ? show(e.args) : 'none'
}

type Made<v> = { mutationKey: readonly unknown[]; mutationFn: (variables: v) => Promise<R> }
type R = { hash: Hex; blockNumber: bigint; decoded: { events: readonly { eventName: string }[] } }

/** One button: runs a mutation from the query layer and lists its stages, result or error. */
function Action<v>(props: {
  id: string
  label: string
  make: (onStage: (s: WriteStage) => void) => Made<v>
  variables: () => v
  result: (r: R) => string
}) {
  const [stages, setStages] = useState<{ n: number; line: string }[]>([])
  const [inputError, setInputError] = useState<string | null>(null)
  const queryClient = useQueryClient()
  const options = props.make((s) =>
    setStages((xs) => [...xs, { n: xs.length, line: `${s.stage}: ${describeStage(s)}` }]),
  )
  const m = useMutation({
    ...options,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['restakekit'] }),
  })
  const run = () => {
    setStages([])
    setInputError(null)
    m.reset()
    let variables: v
    try {
      variables = props.variables()
    } catch (error) {
      return setInputError(`Invalid input: ${(error as Error).message.split('\n')[0]}`)
    }
    m.mutate(variables)
  }
  return (
    <div data-testid={props.id}>
      <button type="button" data-testid={`${props.id}-button`} disabled={m.isPending} onClick={run}>
        {props.label}
      </button>
      <ol data-testid={`${props.id}-stages`}>
        {stages.map((s) => (
          <li key={s.n}>{s.line}</li>
        ))}
      </ol>
      {m.isSuccess && (
        <p className="ok" data-testid={`${props.id}-result`}>
          {props.result(m.data)}
        </p>
      )}
      {(m.isError || inputError) && (
        <p className="error" data-testid={`${props.id}-error`}>
          {inputError ?? errorText(m.error)}
        </p>
      )}
    </div>
  )
}
