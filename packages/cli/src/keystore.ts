// Web3 Secret Storage (keystore v3) decryption: scrypt or pbkdf2-sha256, aes-128-ctr, keccak MAC.
// The CLI reads a key from RESTAKEKIT_PRIVATE_KEY or from a keystore file, never from argv.
import { createDecipheriv, pbkdf2Sync, scryptSync, timingSafeEqual } from 'node:crypto'
import { type Hex, keccak256, toHex } from 'viem'
import { CliInputError } from './errors.js'

type KdfParams =
  | { kdf: 'scrypt'; kdfparams: { dklen: number; n: number; r: number; p: number; salt: string } }
  | { kdf: 'pbkdf2'; kdfparams: { dklen: number; c: number; prf: string; salt: string } }

export type KeystoreV3 = {
  version: 3
  crypto: {
    cipher: string
    ciphertext: string
    cipherparams: { iv: string }
    mac: string
  } & KdfParams
}

const hex = (s: string) => Buffer.from(s.replace(/^0x/, ''), 'hex')

/** The private key in a keystore v3 JSON; a wrong password or a damaged file is a `CliInputError`. */
export function decryptKeystore(json: unknown, password: string): Hex {
  const ks = json as KeystoreV3
  const c = ks?.crypto ?? (json as { Crypto?: KeystoreV3['crypto'] })?.Crypto
  if (ks?.version !== 3 || !c)
    throw new CliInputError({ field: '--keystore', message: 'not a version 3 keystore' })
  if (c.cipher !== 'aes-128-ctr')
    throw new CliInputError({
      field: '--keystore',
      message: `cipher ${c.cipher} is not supported (aes-128-ctr is)`,
    })
  let key: Buffer
  if (c.kdf === 'scrypt') {
    const { dklen, n, r, p, salt } = c.kdfparams
    key = scryptSync(Buffer.from(password, 'utf8'), hex(salt), dklen, {
      N: n,
      r,
      p,
      maxmem: 256 * n * r + 1024 * 1024,
    })
  } else if (c.kdf === 'pbkdf2') {
    const { dklen, c: rounds, prf, salt } = c.kdfparams
    if (prf !== 'hmac-sha256')
      throw new CliInputError({ field: '--keystore', message: `prf ${prf} is not supported` })
    key = pbkdf2Sync(Buffer.from(password, 'utf8'), hex(salt), rounds, dklen, 'sha256')
  } else {
    throw new CliInputError({
      field: '--keystore',
      message: `kdf ${(c as { kdf: string }).kdf} is not supported`,
    })
  }
  const ciphertext = hex(c.ciphertext)
  const mac = hex(keccak256(Buffer.concat([key.subarray(16, 32), ciphertext])))
  if (mac.length !== hex(c.mac).length || !timingSafeEqual(mac, hex(c.mac)))
    throw new CliInputError({
      field: 'RESTAKEKIT_KEYSTORE_PASSWORD',
      message: 'wrong password for the keystore (MAC mismatch)',
    })
  const decipher = createDecipheriv('aes-128-ctr', key.subarray(0, 16), hex(c.cipherparams.iv))
  return toHex(Buffer.concat([decipher.update(ciphertext), decipher.final()]))
}
