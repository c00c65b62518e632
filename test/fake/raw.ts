import { assert } from "@effect/vitest"
import { Effect, HashMap, Option, Predicate } from "effect"
import { StoatFake, type StoatFakeSeed } from "effect-stoat/testing"

/** What to send with a raw request. */
export interface RawOptions {
  /** The seed handle to sign in as (none: no token). */
  readonly as?: string
  /** Sent as JSON. */
  readonly body?: unknown
  /** Sent as it is, instead of `body`. */
  readonly rawBody?: string
  readonly query?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
}

/** An answer of the fake, its JSON body parsed when it has one. */
export interface RawAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly bytes: Uint8Array | undefined
  readonly json: unknown
}

/** A raw request's headers (JSON accepted; the token of `as` in the header its kind uses) and body. */
export const rawParts = (seed: StoatFakeSeed, options: RawOptions) => {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers }
  if (options.as !== undefined) {
    const account = HashMap.get(seed.records.accounts, seed.id(options.as))
    const bot = Option.exists(account, (account) => account.user.bot !== undefined)
    headers[bot ? "x-bot-token" : "x-session-token"] = seed.token(options.as)
  }
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  return { headers, body }
}

/** Sends one request straight to the fake's handler (the wire as the backend sees it), signed in as `as`. */
export const raw = (method: string, path: string, options: RawOptions = {}): Effect.Effect<RawAnswer, never, StoatFake> =>
  Effect.gen(function*() {
    const fake = yield* StoatFake
    const { body, headers } = rawParts(fake.seed, options)
    const response = yield* Effect.orDie(
      fake.handle({ method, path, query: new URLSearchParams(options.query), headers, body, ip: "127.0.0.1" })
    )
    const json: unknown = response.headers["content-type"] === "application/json" ? JSON.parse(response.body) : undefined
    return { status: response.status, headers: response.headers, body: response.body, bytes: response.bytes, json }
  })

/** A path from segments, each encoded. */
export const path = (...segments: ReadonlyArray<string>) => `/${segments.map(encodeURIComponent).join("/")}`

/** A key of a JSON object (`undefined` when absent or not an object). */
export const field = (json: unknown, key: string): unknown => (Predicate.isRecord(json) ? json[key] : undefined)

/** Asserts a Stoat error: its status, `type`, extra fields and `location`. */
export const assertError = (
  answer: RawAnswer,
  status: number,
  type: string,
  fields: Readonly<Record<string, unknown>> = {}
) => {
  assert.strictEqual(answer.status, status, answer.body)
  assert.strictEqual(field(answer.json, "type"), type, answer.body)
  for (const [key, value] of Object.entries(fields)) assert.deepStrictEqual(field(answer.json, key), value, key)
  assert.isString(field(answer.json, "location"))
}

/** Asserts Rocket's default catcher in its JSON form: `{"error":{code,reason,description}}`, no `type`. */
export const assertCatcher = (answer: RawAnswer, status: number) => {
  assert.strictEqual(answer.status, status, answer.body)
  assert.strictEqual(field(field(answer.json, "error"), "code"), status, answer.body)
  assert.isUndefined(field(answer.json, "type"))
}

/** The ids of a list of JSON objects. */
export const ids = (json: unknown): ReadonlyArray<unknown> => (Array.isArray(json) ? json.map((item) => field(item, "_id")) : [])

/** A JSON array's items (none when it is not an array). */
export const items = (json: unknown): ReadonlyArray<unknown> => (Array.isArray(json) ? json : [])
