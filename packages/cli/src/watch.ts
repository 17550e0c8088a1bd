// `restakekit watch`: a keeper. Each tick it reads the staker's portfolio and finishes every ready
// withdrawal once. Its state file records each send (signed bytes, hash, nonce) before the
// broadcast, so a keeper killed between a send and its receipt, then restarted, waits for that
// same transaction (re-broadcasting it if the node lost it) instead of sending a second one.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { QueuedWithdrawal } from '@restakekit/core'
import type { Hex } from 'viem'
import type { Connection } from './context.js'
import { prepareFinish, withdrawalKey } from './finish.js'
import { broadcast, lookUp, type SignedSend, signFinish } from './send.js'

export type WatchItem = {
  protocol: string
  id: string
  location: string
  status: 'signed' | 'sent' | 'done' | 'reverted'
  send?: SignedSend
  blockNumber?: string
}
export type WatchState = { version: 1; staker: string; items: Record<string, WatchItem> }

export function loadState(path: string, staker: string): WatchState {
  if (!existsSync(path)) return { version: 1, staker, items: {} }
  const s = JSON.parse(readFileSync(path, 'utf8')) as WatchState
  if (s.version !== 1) throw new Error(`${path}: unknown state version ${String(s.version)}`)
  if (s.staker.toLowerCase() !== staker.toLowerCase())
    throw new Error(`${path} belongs to staker ${s.staker}, not ${staker}: use another --state file`)
  return s
}

/** Written to a temporary file and renamed: a kill mid-write never leaves half a state file. */
export function saveState(path: string, state: WatchState): void {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
}

export type TickReport = { finished: string[]; waiting: string[]; resumed: string[]; errors: string[] }

/** Settles what earlier runs sent: mined → done; pending → wait; lost → the same bytes again. */
async function settle(c: Connection, state: WatchState, path: string, report: TickReport) {
  for (const [key, item] of Object.entries(state.items)) {
    if ((item.status !== 'signed' && item.status !== 'sent') || !item.send) continue
    const found = await lookUp(c, item.send)
    if (found.state === 'mined') {
      item.status = found.receipt.status === 'success' ? 'done' : 'reverted'
      item.blockNumber = found.receipt.blockNumber.toString()
      report.resumed.push(`${key} ${item.status} in block ${item.blockNumber} (${item.send.hash})`)
    } else if (found.state === 'pending') {
      report.waiting.push(`${key} sent, not mined yet (${item.send.hash})`)
      const receipt = await c.client
        .waitForTransactionReceipt({ hash: item.send.hash, timeout: 30_000 })
        .catch(() => undefined)
      if (receipt) {
        item.status = receipt.status === 'success' ? 'done' : 'reverted'
        item.blockNumber = receipt.blockNumber.toString()
        report.resumed.push(`${key} ${item.status} in block ${item.blockNumber} (${item.send.hash})`)
      }
    } else if (!found.nonceUsed) {
      // the node never got it, or dropped it: the same signed bytes, so at most one can land
      await broadcast(c, item.send)
      item.status = 'sent'
      report.resumed.push(`${key} re-broadcast (${item.send.hash})`)
    } else {
      // its nonce went to another transaction: this one can never land; the next read decides
      delete state.items[key]
      report.resumed.push(`${key} superseded (nonce ${item.send.nonce} used by another transaction)`)
    }
    saveState(path, state)
  }
}

/** One pass: settle earlier sends, then finish each ready withdrawal not already handled. */
export async function tick(
  c: Connection,
  opts: { staker: Hex; statePath: string; log: (line: string) => void },
): Promise<TickReport> {
  const report: TickReport = { finished: [], waiting: [], resumed: [], errors: [] }
  const state = loadState(opts.statePath, opts.staker)
  await settle(c, state, opts.statePath, report)
  const portfolio = await c.client.restaking.getPortfolio({ staker: opts.staker, allowPartial: true })
  for (const e of portfolio.errors) report.errors.push(`${e.protocol}: ${e.error.message.split('\n')[0]}`)
  for (const w of portfolio.withdrawals as QueuedWithdrawal[]) {
    const key = withdrawalKey(w, opts.staker)
    const seen = state.items[key]
    if (seen && seen.status !== 'reverted') continue // sent or done by this keeper: never again
    if (!w.ready) {
      report.waiting.push(`${key} not ready`)
      continue
    }
    try {
      const call = await prepareFinish(c, w, opts.staker)
      const send = await signFinish(c, call)
      state.items[key] = {
        protocol: w.protocol,
        id: String(w.id),
        location: w.location,
        status: 'signed',
        send,
      }
      saveState(opts.statePath, state) // recorded before it goes out
      await broadcast(c, send)
      state.items[key] = { ...state.items[key], status: 'sent' }
      saveState(opts.statePath, state)
      opts.log(`sent ${key}: ${send.hash}`)
      const receipt = await c.client.waitForTransactionReceipt({ hash: send.hash, timeout: 60_000 })
      state.items[key] = {
        ...state.items[key],
        status: receipt.status === 'success' ? 'done' : 'reverted',
        blockNumber: receipt.blockNumber.toString(),
      }
      saveState(opts.statePath, state)
      report.finished.push(`${key} ${receipt.status} in block ${receipt.blockNumber}`)
    } catch (e) {
      report.errors.push(`${key}: ${(e as Error).message.split('\n')[0]}`)
    }
  }
  return report
}
