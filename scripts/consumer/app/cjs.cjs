// Every export path of every installed package loads through `require`, with the same named exports.
const expected = require('./entries.json')
let count = 0
for (const name of ['core', 'lrt', 'avs', 'risk', 'devnet', 'cli']) {
  const pkg = require(`@restakekit/${name}/package.json`)
  for (const key of Object.keys(pkg.exports)) {
    if (key.endsWith('package.json')) continue
    const spec = `@restakekit/${name}${key.slice(1)}`
    const mod = require(spec)
    for (const want of expected[spec] ?? []) {
      if (typeof mod[want] !== 'function')
        throw new Error(`${spec}: named export ${want} missing under require`)
    }
    count++
  }
}
console.log(`require: ${count} entry points loaded`)
