// Installs Debian's chromium for the dApp browser test (examples/dapp-web) when it is missing:
// `apt-get update && apt-get install -y chromium`, through sudo when not root. Playwright's own
// browser download does not work offline; the test launches /usr/bin/chromium.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = '/usr/bin/chromium'

if (existsSync(CHROMIUM)) process.exit(0)
if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
  console.warn(
    `ensure-chromium: ${CHROMIUM} is missing and apt-get is not available; the dApp browser test will fail.`,
  )
  process.exit(0)
}
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
const run = (args) => {
  const [cmd, ...rest] = asRoot ? args : ['sudo', ...args]
  console.log(`ensure-chromium: ${[cmd, ...rest].join(' ')}`)
  execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
}
run(['apt-get', 'update'])
run(['apt-get', 'install', '-y', 'chromium'])
if (!existsSync(CHROMIUM)) {
  console.error(`ensure-chromium: apt-get finished but ${CHROMIUM} is still missing.`)
  process.exit(1)
}
