import { assert } from "@effect/vitest"
import { Effect, Schema } from "effect"

/**
 * Decodes `wire` with `schema`, checks the law `decode(encode(x))` equals `x` on the result, and
 * returns it.
 */
export const decodes = <A, I>(schema: Schema.Schema<A, I>, wire: unknown) =>
  Effect.gen(function*() {
    const decoded = yield* Schema.decodeUnknown(schema)(wire)
    const encoded = yield* Schema.encode(schema)(decoded)
    assert.deepStrictEqual(yield* Schema.decode(schema)(encoded), decoded)
    return decoded
  })
