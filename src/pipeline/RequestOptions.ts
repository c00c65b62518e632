import { Headers } from "@effect/platform"
import { type Context, Duration, Effect, FiberRef, Function, Option, Redacted } from "effect"
import type { FailedValidation } from "../errors/ApiError.js"
import { auditLogReason, idempotencyKey, invalid } from "../internal/input.js"
import type { StoatConfig, TokenKind } from "../services/StoatConfig.js"
import { withoutTrailingSlashes } from "../internal/url.js"

/**
 * Settings for every request made inside one effect (the seed's `http_overrides`): another account
 * or instance, a timeout, a retry bound, headers. Given to `withRequestOptions`; inner calls win.
 */
export interface RequestOptions {
  /** Sent instead of the configured token, and as well protected (it stays `Redacted`). */
  readonly token?: Redacted.Redacted<string>
  /** The kind of `token` (it picks the header); the configured kind when unset. */
  readonly tokenKind?: TokenKind
  /** The API root to send to instead of the configured one, e.g. `https://stoat.example/api`. */
  readonly baseUrl?: string
  /** How long one attempt may spend on the wire (connect, first byte, body). */
  readonly timeout?: Duration.DurationInput
  /** How many times a request may be sent again, after a 429 or a transient failure; 0 sends it once. */
  readonly retries?: number
  /** Sent as `Idempotency-Key` (1 to 64 printable ASCII characters). */
  readonly idempotencyKey?: string
  /** Sent as `X-Audit-Log-Reason` (at most 512 UTF-8 bytes, no control characters). */
  readonly auditLogReason?: string
  /** Extra headers, e.g. for a proxy in front of the instance. */
  readonly headers?: Readonly<Record<string, string>>
}

/** The options in force for the current fiber (empty outside `withRequestOptions`). */
export const currentRequestOptions: FiberRef.FiberRef<RequestOptions> = FiberRef.unsafeMake<RequestOptions>({})

const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const headerValue = /^[\t\x20-\x7e\x80-\xff]*$/

const check = (options: RequestOptions): Effect.Effect<RequestOptions, FailedValidation> =>
  Effect.gen(function*() {
    if (options.baseUrl !== undefined && !URL.canParse(options.baseUrl)) {
      return yield* invalid(`baseUrl must be an absolute URL, got ${JSON.stringify(options.baseUrl)}`)
    }
    if (options.retries !== undefined && !(Number.isInteger(options.retries) && options.retries >= 0)) {
      return yield* invalid(`retries must be a whole number, 0 or more, got ${options.retries}`)
    }
    if (options.timeout !== undefined && !Duration.greaterThan(Duration.decode(options.timeout), Duration.zero)) {
      return yield* invalid("timeout must be longer than zero")
    }
    yield* idempotencyKey(options.idempotencyKey)
    yield* auditLogReason(options.auditLogReason)
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (!headerName.test(name)) return yield* invalid(`${JSON.stringify(name)} is not a valid header name`)
      if (!headerValue.test(value)) return yield* invalid(`the value of header ${name} must not contain line breaks or control characters`)
    }
    return options
  })

const merge = (outer: RequestOptions, inner: RequestOptions): RequestOptions => ({
  ...outer,
  ...inner,
  headers: { ...outer.headers, ...inner.headers }
})

/**
 * Runs `effect` with `options` applied to every request it makes (the seed's `http_overrides`);
 * options that are not valid fail with `FailedValidation` before anything is sent.
 */
export const withRequestOptions: {
  (options: RequestOptions): <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | FailedValidation, R>
  <A, E, R>(effect: Effect.Effect<A, E, R>, options: RequestOptions): Effect.Effect<A, E | FailedValidation, R>
} = Function.dual(
  2,
  <A, E, R>(effect: Effect.Effect<A, E, R>, options: RequestOptions): Effect.Effect<A, E | FailedValidation, R> =>
    Effect.flatMap(check(options), (checked) => Effect.locallyWith(effect, currentRequestOptions, (outer) => merge(outer, checked)))
)

/** What one request is sent with: the configuration overridden by the options in force. */
export interface RequestSettings {
  readonly token: Redacted.Redacted<string>
  readonly tokenKind: TokenKind
  readonly baseUrl: string
  readonly timeout: Duration.Duration
  readonly retries: Option.Option<number>
  readonly idempotencyKey: Option.Option<string>
  readonly auditLogReason: Option.Option<string>
  readonly headers: Readonly<Record<string, string>>
  /** What every request sent with these settings carries, later ones winning: `Accept`, the user agent, `headers`, the token. */
  readonly sentHeaders: Headers.Headers
}

const settle = (config: Context.Tag.Service<typeof StoatConfig>, options: RequestOptions): RequestSettings => {
  const token = options.token ?? config.token
  const tokenKind = options.tokenKind ?? config.tokenKind
  const headers = options.headers ?? {}
  return {
    token,
    tokenKind,
    baseUrl: options.baseUrl === undefined ? config.baseUrl : withoutTrailingSlashes(options.baseUrl),
    timeout: options.timeout === undefined ? config.timeout : Duration.decode(options.timeout),
    retries: Option.fromNullable(options.retries),
    idempotencyKey: Option.fromNullable(options.idempotencyKey),
    auditLogReason: Option.fromNullable(options.auditLogReason),
    headers,
    sentHeaders: Headers.setAll(
      Headers.fromInput({ Accept: "application/json", "User-Agent": Option.getOrUndefined(config.userAgent), ...headers }),
      { [tokenKind === "bot" ? "X-Bot-Token" : "X-Session-Token"]: Redacted.value(token) }
    )
  }
}

/**
 * The settings of a request made now, in this fiber, from a client's configuration. Options in
 * force are immutable values, so each one's settings are worked out once per client.
 */
export const requestSettings = (config: Context.Tag.Service<typeof StoatConfig>): Effect.Effect<RequestSettings> => {
  const known = new WeakMap<RequestOptions, RequestSettings>()
  return Effect.map(FiberRef.get(currentRequestOptions), (options) => {
    const cached = known.get(options)
    if (cached !== undefined) return cached
    const settings = settle(config, options)
    known.set(options, settings)
    return settings
  })
}
