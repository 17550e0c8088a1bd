// Every export path of every installed package loads through `import`, and named exports a user relies on are there.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const expected = JSON.parse(readFileSync(new URL('./entries.json', import.meta.url), 'utf8'))
let count = 0
for (const name of ['core', 'lrt', 'avs', 'risk', 'devnet', 'cli']) {
  const pkg = require(`@restakekit/${name}/package.json`)
  for (const key of Object.keys(pkg.exports)) {
    if (key.endsWith('package.json')) continue
    const spec = `@restakekit/${name}${key.slice(1)}`
    const mod = await import(spec)
    for (const want of expected[spec] ?? []) {
      if (typeof mod[want] !== 'function')
        throw new Error(`${spec}: named export ${want} missing under import`)
    }
    count++
  }
}
console.log(`import: ${count} entry points loaded`)
