import * as z from 'zod/mini'
import { InvalidOperatorMetadataError } from './errors.js'

const hostOf = (u: string) => new URL(u).hostname.toLowerCase()
const pathOf = (u: string) => new URL(u).pathname.toLowerCase()

/** An http(s) URL (zod/mini loads no locale: every message is worded here). */
const url = () =>
  z
    .string({ error: 'expected a string' })
    .check(
      z.refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'must be an http(s) URL'),
    )

/**
 * The operator metadata JSON EigenLayer's tooling reads from an operator's `metadataURI`: a name,
 * a website, a description, a PNG logo and an X (Twitter) profile. The SDK's own bounds: the name
 * 1-200 characters, the description at most 500. Built with `zod/mini` (tree-shakable functions):
 * an operator write that validates metadata carries a few kB of zod, not the classic API.
 */
export const operatorMetadataSchema = /* @__PURE__ */ (() =>
  z.object({
    name: z.pipe(
      z.string({ error: 'expected a string' }),
      z.pipe(
        z.transform((s: string) => s.trim()),
        z
          .string()
          .check(z.minLength(1, 'must not be empty'), z.maxLength(200, 'must be at most 200 characters')),
      ),
    ),
    website: url(),
    description: z
      .string({ error: 'expected a string' })
      .check(z.maxLength(500, 'must be at most 500 characters')),
    logo: url().check(
      z.refine((u) => !URL.canParse(u) || pathOf(u).endsWith('.png'), 'the logo must be a .png image'),
    ),
    twitter: url().check(
      z.refine(
        (u) =>
          !URL.canParse(u) || ['twitter.com', 'www.twitter.com', 'x.com', 'www.x.com'].includes(hostOf(u)),
        'must be a twitter.com or x.com address',
      ),
    ),
  }))()

/** Operator metadata, as validated by `operatorMetadataSchema`. */
export type OperatorMetadata = z.infer<typeof operatorMetadataSchema>

/** Validates operator metadata (an object or its JSON text); a typed error lists every issue. */
export function parseOperatorMetadata(metadata: unknown): OperatorMetadata {
  let value = metadata
  if (typeof metadata === 'string') {
    try {
      value = JSON.parse(metadata)
    } catch {
      throw new InvalidOperatorMetadataError({ issues: ['the metadata is not valid JSON'] })
    }
  }
  const r = operatorMetadataSchema.safeParse(value)
  if (!r.success)
    throw new InvalidOperatorMetadataError({
      issues: r.error.issues.map(
        (i) =>
          `${i.path.join('.') || '(root)'}: ${i.code === 'invalid_type' ? `expected ${i.expected}` : i.message}`,
      ),
    })
  return r.data
}
