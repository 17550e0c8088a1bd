// A page that imports one action, built by Vite for production: what a dApp ships for it.
import { prepareSetClaimerFor } from '@restakekit/core/eigenlayer'

const calls = prepareSetClaimerFor({
  account: '0x0000000000000000000000000000000000000001',
  chainId: 1,
  claimer: '0x0000000000000000000000000000000000000002',
})
const out = document.getElementById('out')
if (out) out.textContent = JSON.stringify(calls, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)
