import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** Options for a raw anvil process. */
export type AnvilOptions = {
  /** Path of an anvil state dump to load (`--load-state`). */
  loadState?: string | undefined
  /** Fork this RPC URL (`--fork-url`). */
  forkUrl?: string | undefined
  forkBlockNumber?: bigint | undefined
  chainId?: number | undefined
  /** Block time in seconds; default: mine on each transaction. */
  blockTime?: number | undefined
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number | undefined
  /** Extra command-line arguments. */
  args?: readonly string[] | undefined
  /**
   * Where anvil persists the block states it evicts from memory (`--cache-path`). Default: a fresh
   * directory under `RESTAKEKIT_ANVIL_CACHE` (else `<tmpdir>/restakekit-anvil`), removed when the
   * process stops. Anvil's own default, `~/.foundry/anvil/tmp`, is never cleaned and grows by
   * 0.3-2 GB per long-lived instance.
   */
  cachePath?: string | undefined
}

export type AnvilProcess = {
  rpcUrl: string
  port: number
  process: ChildProcess
  /** The directory anvil persists evicted block states into; removed by `stop()` when restakekit made it. */
  cachePath: string
  stop: () => Promise<void>
}

/** The root under which each anvil gets its own state cache directory, named `<node pid>-<n>`. */
export function anvilCacheRoot(): string {
  return process.env.RESTAKEKIT_ANVIL_CACHE ?? join(tmpdir(), 'restakekit-anvil')
}

let cacheCounter = 0

/**
 * A fresh cache directory for one anvil. Directories left by a process that no longer runs (a
 * killed test worker) are removed first, so crashed runs do not pile up on disk.
 */
function freshCacheDir(): string {
  const root = anvilCacheRoot()
  mkdirSync(root, { recursive: true })
  for (const name of readdirSync(root)) {
    const pid = Number(name.split('-')[0])
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid)) {
      rmSync(join(root, name), { recursive: true, force: true })
    }
  }
  const dir = join(root, `${process.pid}-${++cacheCounter}`)
  mkdirSync(dir, { recursive: true })
  return dir
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The anvil binary: `RESTAKEKIT_ANVIL_BIN` if set, else the one shipped in the npm package
 * `@foundry-rs/anvil-<platform>-<arch>` (an optional dependency of `@foundry-rs/anvil`).
 */
export function anvilBinary(): string {
  const fromEnv = process.env.RESTAKEKIT_ANVIL_BIN
  if (fromEnv) return fromEnv
  const platform = process.platform === 'win32' ? 'win32' : process.platform
  const arch = process.arch === 'x64' ? 'amd64' : process.arch
  const pkg = `@foundry-rs/anvil-${platform}-${arch}`
  const require = createRequire(import.meta.url)
  const candidates: string[] = []
  for (const from of [import.meta.url, safeResolve(require, '@foundry-rs/anvil/package.json')]) {
    if (!from) continue
    try {
      const r = createRequire(from)
      candidates.push(join(dirname(r.resolve(`${pkg}/package.json`)), 'bin', 'anvil'))
    } catch {
      // not resolvable from here
    }
  }
  const found = candidates.find((c) => existsSync(c))
  if (!found) {
    throw new Error(
      `anvil binary not found: install ${pkg} (pulled in by @foundry-rs/anvil) or set RESTAKEKIT_ANVIL_BIN`,
    )
  }
  return found
}

function safeResolve(require: NodeRequire, id: string): string | undefined {
  try {
    return require.resolve(id)
  } catch {
    return undefined
  }
}

/** Spawns anvil on a free loopback port and resolves once it listens. */
const running = new Set<string>()

/** The RPC URLs of the anvil processes this process started and has not stopped (for diagnostics). */
export function runningAnvils(): readonly string[] {
  return [...running]
}

export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilProcess> {
  const args = ['--host', '127.0.0.1', '--port', String(options.port ?? 0)]
  if (options.loadState) args.push('--load-state', options.loadState)
  if (options.forkUrl) args.push('--fork-url', options.forkUrl)
  if (options.forkBlockNumber !== undefined) args.push('--fork-block-number', String(options.forkBlockNumber))
  if (options.chainId !== undefined) args.push('--chain-id', String(options.chainId))
  if (options.blockTime !== undefined) args.push('--block-time', String(options.blockTime))
  const ownCache = options.cachePath === undefined
  const cachePath = options.cachePath ?? freshCacheDir()
  args.push('--cache-path', cachePath)
  args.push(...(options.args ?? []))
  const removeCache = () => {
    if (ownCache) rmSync(cachePath, { recursive: true, force: true })
  }

  const child = spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`anvil did not start within 30 s:\n${output}`))
    }, 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /Listening on [\d.]+:(\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        // keep draining so anvil never blocks on a full pipe
        child.stdout?.resume()
        resolve(Number(m[1]))
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      removeCache()
      reject(new Error(`anvil exited with code ${code} before listening:\n${output}`))
    })
  })
  // drop later output
  child.stdout?.on('data', () => {})
  child.stderr?.on('data', () => {})

  const rpcUrl = `http://127.0.0.1:${port}`
  running.add(rpcUrl)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(rpcUrl)
      resolve()
    }),
  )
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000)
      await exited
      clearTimeout(timer)
    }
    removeCache()
  }
  const onExit = () => {
    child.kill('SIGKILL')
    removeCache()
  }
  process.once('exit', onExit)
  child.once('exit', () => process.off('exit', onExit))
  return { rpcUrl, port, process: child, cachePath, stop }
}
