// Checks every internal link of the built docs site (docs/.vitepress/dist): the page it points to
// exists, and so does the anchor (`id="…"`) when the link has one. External links cannot be checked
// offline and are skipped. Exits 1 listing every dead link. Usage: node scripts/docs/check-links.mjs
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const dist = resolve(import.meta.dirname, '../../docs/.vitepress/dist')
if (!existsSync(dist)) {
  console.error(`no built site at ${dist}: run vitepress build docs first`)
  process.exit(1)
}
const pages = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'assets' ? [] : pages(path)
    return name.endsWith('.html') ? [path] : []
  })

const ids = new Map()
const idsOf = (file) => {
  if (!ids.has(file))
    ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])))
  return ids.get(file)
}
/** The built file a site path names: /x, /x.html, /x/ (index.html), with the site's base of '/'. */
const target = (path) => {
  const clean = decodeURIComponent(path)
  for (const candidate of [clean, `${clean}.html`, join(clean, 'index.html')]) {
    const file = join(dist, candidate)
    if (existsSync(file) && statSync(file).isFile()) return file
  }
  return undefined
}

const dead = []
let checked = 0
for (const page of pages(dist)) {
  const html = readFileSync(page, 'utf8')
  const here = `/${relative(dist, dirname(page))}`
  for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue // external, mailto:
    const [path, anchor] = href.split('#')
    const file = path === '' ? page : target(path.startsWith('/') ? path : join(here, path))
    checked++
    if (!file) dead.push(`${relative(dist, page)}: ${href} (no such page)`)
    else if (anchor && !idsOf(file).has(decodeURIComponent(anchor)))
      dead.push(`${relative(dist, page)}: ${href} (no anchor #${anchor} in ${relative(dist, file)})`)
  }
}
// every error's `docsPath` (printed as "Docs: …/errors#x" in its message) must land on a page and anchor
const sources = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory())
      return ['node_modules', 'dist', 'test'].includes(name) ? [] : sources(path)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : []
  })
const packagesDir = resolve(import.meta.dirname, '../../packages')
let docsPaths = 0
for (const file of readdirSync(packagesDir).flatMap((p) => {
  const src = join(packagesDir, p, 'src')
  return existsSync(src) ? sources(src) : []
})) {
  for (const [, href] of readFileSync(file, 'utf8').matchAll(/docsPath:\s*'([^']+)'/g)) {
    const [path, anchor] = href.split('#')
    const page = target(path)
    docsPaths++
    if (!page) dead.push(`${relative(packagesDir, file)}: docsPath ${href} (no such page)`)
    else if (anchor && !idsOf(page).has(anchor))
      dead.push(
        `${relative(packagesDir, file)}: docsPath ${href} (no anchor #${anchor} in ${relative(dist, page)})`,
      )
  }
}
// TypeScript in the pages comes from docs/snippets (type-checked by `pnpm typecheck`), never inline
const docsDir = resolve(import.meta.dirname, '../../docs')
const pagesMd = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory())
      return ['api', 'snippets', '.vitepress', 'node_modules'].includes(name) ? [] : pagesMd(path)
    return name.endsWith('.md') && name !== 'README.md' ? [path] : []
  })
for (const page of pagesMd(docsDir))
  readFileSync(page, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (/^```(ts|typescript|tsx)\b/.test(line))
        dead.push(
          `${relative(docsDir, page)}:${i + 1}: inline TypeScript; put it in docs/snippets/*.ts and include it`,
        )
    })
if (dead.length) {
  console.error(`${dead.length} dead internal link(s) of ${checked}:\n${dead.join('\n')}`)
  process.exit(1)
}
console.log(`docs site: ${checked} internal links and ${docsPaths} error docsPaths checked, none dead`)
