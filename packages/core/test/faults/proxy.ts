// A JSON-RPC fault proxy on 127.0.0.1 in front of an anvil devnet (node:http only): it forwards
// requests and injects the faults the SDK must survive, and counts the transactions that reached
// the node.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

/** The fault the proxy injects (`none`: a plain forwarder). */
export type FaultMode =
  /** every request answered HTTP 429 (rate limited) `times` times, then forwarded */
  | { kind: '429'; times: number }
  /** every request answered HTTP 503 `times` times, then forwarded */
  | { kind: '503'; times: number }
  /** every answer held back `ms` milliseconds */
  | { kind: 'delay'; ms: number }
  /** `eth_sendRawTransaction` / `eth_sendTransaction` forwarded, then the connection dropped unanswered (`times` sends) */
  | { kind: 'drop-send'; times: number; after?: number }
  /** `eth_sendRawTransaction` / `eth_sendTransaction` not forwarded but refused with a JSON-RPC error (`times` sends, after `after`) */
  | { kind: 'refuse-send'; times: number; after?: number }
  /** reads (`eth_call`, `eth_getTransactionCount`, ...) answered at block `latest - blocks` where a block tag is given */
  | { kind: 'lag'; blocks: number }
  /** the node unreachable: every request's connection dropped (`methods`: only these) */
  | { kind: 'outage'; methods?: readonly string[] }
  | { kind: 'none' }

type RpcCall = { id?: unknown; method?: string; params?: unknown[] }
type RpcBody = RpcCall | RpcCall[]

const SENDS = new Set(['eth_sendRawTransaction', 'eth_sendTransaction'])

export type FaultProxy = {
  url: string
  /** Sets the fault from now on. */
  set: (mode: FaultMode) => void
  /** Send requests (`eth_sendRawTransaction`, `eth_sendTransaction`) that reached the node. */
  readonly sendsForwarded: number
  /** Distinct signed transactions (or wallet sends) that reached the node. */
  readonly distinctSends: number
  /** Requests seen, by method. */
  readonly methods: Readonly<Record<string, number>>
  /** Faults injected so far. */
  readonly injected: number
  reset: () => void
  close: () => Promise<void>
}

/** Starts the proxy on a free loopback port in front of `target` (the anvil URL). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target)
  let mode: FaultMode = { kind: 'none' }
  let left = 0
  let skip = 0
  let sendsForwarded = 0
  let injected = 0
  const distinct = new Set<string>()
  const methods: Record<string, number> = {}

  const forward = (body: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: upstream.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end(body)
    })

  const lagged = async (call: { method?: string; params?: unknown[] }, blocks: number) => {
    const params = call.params ?? []
    const tagAt = {
      eth_call: 1,
      eth_getBalance: 1,
      eth_getTransactionCount: 1,
      eth_getCode: 1,
      eth_estimateGas: 1,
    }[call.method ?? '']
    if (tagAt === undefined) return call
    const tag = params[tagAt]
    if (tag !== undefined && tag !== 'latest' && tag !== 'pending') return call
    const head = JSON.parse(
      await forward(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'eth_blockNumber' })),
    )
    const behind = BigInt(head.result) - BigInt(blocks)
    const at = `0x${(behind < 0n ? 0n : behind).toString(16)}`
    const copy = [...params]
    copy[tagAt] = at
    return { ...call, params: copy }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    let parsed: RpcBody
    try {
      parsed = JSON.parse(text) as RpcBody
    } catch {
      res.writeHead(400).end()
      return
    }
    const calls: RpcCall[] = Array.isArray(parsed) ? parsed : [parsed]
    for (const c of calls) if (c.method) methods[c.method] = (methods[c.method] ?? 0) + 1
    const hasSend = calls.some((c) => c.method && SENDS.has(c.method))

    if ((mode.kind === '429' || mode.kind === '503') && left > 0) {
      left--
      injected++
      res
        .writeHead(Number(mode.kind), { 'content-type': 'text/plain' })
        .end(mode.kind === '429' ? 'Too Many Requests' : 'Service Unavailable')
      return
    }
    if (mode.kind === 'outage') {
      const only = mode.methods
      if (!only || calls.some((c) => c.method && only.includes(c.method))) {
        injected++
        req.socket.destroy()
        return
      }
    }
    let body = text
    if (mode.kind === 'lag') {
      const blocks = mode.blocks
      const moved = await Promise.all(calls.map((c) => lagged(c, blocks)))
      body = JSON.stringify(Array.isArray(parsed) ? moved : moved[0])
    }
    if (mode.kind === 'refuse-send' && hasSend) {
      if (skip > 0) skip--
      else if (left > 0) {
        left--
        injected++
        const refused = calls.map((c) => ({
          jsonrpc: '2.0',
          id: c.id,
          error: { code: -32003, message: 'transaction pool is full (refused by the fault proxy)' },
        }))
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(Array.isArray(parsed) ? refused : refused[0]))
        return
      }
    }
    if (hasSend) {
      sendsForwarded++
      for (const c of calls) if (c.method && SENDS.has(c.method)) distinct.add(JSON.stringify(c.params ?? []))
    }
    let answer: string
    try {
      answer = await forward(body)
    } catch {
      req.socket.destroy()
      return
    }
    if (mode.kind === 'drop-send' && hasSend && skip > 0) skip--
    else if (mode.kind === 'drop-send' && hasSend && left > 0) {
      left--
      injected++
      req.socket.destroy()
      return
    }
    if (mode.kind === 'delay') await new Promise((r) => setTimeout(r, mode.kind === 'delay' ? mode.ms : 0))
    if (res.destroyed) return
    res.writeHead(200, { 'content-type': 'application/json' }).end(answer)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    set(m) {
      mode = m
      left = 'times' in m ? m.times : 0
      skip = m.kind === 'drop-send' || m.kind === 'refuse-send' ? (m.after ?? 0) : 0
    },
    get sendsForwarded() {
      return sendsForwarded
    },
    get distinctSends() {
      return distinct.size
    },
    get methods() {
      return methods
    },
    get injected() {
      return injected
    },
    reset() {
      mode = { kind: 'none' }
      left = 0
      skip = 0
      sendsForwarded = 0
      injected = 0
      distinct.clear()
      for (const k of Object.keys(methods)) delete methods[k]
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
