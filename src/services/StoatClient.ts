import { Headers, HttpClient, HttpClientRequest, type HttpClientResponse } from "@effect/platform"
import { Context, Effect, Layer, Option, Schema } from "effect"
import type { ClientError, RateLimited, TransportError } from "../errors/ClientError.js"
import type { Declared } from "../errors/Declared.js"
import { decodeResponse, type RawResponse } from "../errors/decodeResponse.js"
import { bodyBytes, bodyText } from "../pipeline/BufferedResponse.js"
import { requestKey } from "../pipeline/requestKey.js"
import { requestSettings, type RequestSettings } from "../pipeline/RequestOptions.js"
import { defaultRetryPolicy, retryRateLimited, retryTransient, type RetryPolicy } from "../pipeline/retries.js"
import { sendOnce, urlOf } from "../pipeline/wire.js"
import { makeWireTimeout } from "../pipeline/wireTimeout.js"
import { isCuttingOff } from "../internal/wireCutoff.js"
import { bucketOf, RateLimiter } from "./RateLimiter.js"
import { StoatCache } from "./StoatCache.js"
import { StoatConfig } from "./StoatConfig.js"

/** An HTTP method the API uses. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** One API call: method, path segments (encoded here), query, JSON body, audit-log reason and idempotency key. */
export interface Route {
  readonly method: Method
  readonly path: ReadonlyArray<string>
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>
  readonly body?: unknown
  readonly auditLogReason?: string | undefined
  /** Sent as `Idempotency-Key` (message sends): the server refuses a key it has seen with a 409. */
  readonly idempotencyKey?: string | undefined
}

/** Header values travel as bytes: the reason's UTF-8 bytes, which the server reads back as UTF-8. */
const auditLogHeader = (reason: string) => Buffer.from(reason, "utf8").toString("latin1")

/** The request a route becomes, relative to the base URL. */
export const toHttpRequest = (route: Route): HttpClientRequest.HttpClientRequest => {
  const path = route.path.map(encodeURIComponent).join("/")
  let request = HttpClientRequest.make(route.method)(`/${path}`)
  for (const [key, value] of Object.entries(route.query ?? {})) {
    if (value !== undefined) request = HttpClientRequest.setUrlParam(request, key, String(value))
  }
  if (route.auditLogReason !== undefined) {
    request = HttpClientRequest.setHeader(request, "X-Audit-Log-Reason", auditLogHeader(route.auditLogReason))
  }
  if (route.idempotencyKey !== undefined) {
    request = HttpClientRequest.setHeader(request, "Idempotency-Key", route.idempotencyKey)
  }
  return route.body === undefined ? request : HttpClientRequest.bodyUnsafeJson(request, route.body)
}

/** Wherever the client is provided, a request shown (logged, inspected, in a span) hides the token headers. */
const redactTokenHeaders = Layer.fiberRefLocallyScopedWith(
  Headers.currentRedactedNames,
  (names) => [...names, "x-bot-token", "x-session-token"]
)

/** A header the route did not set itself: the per-call value applies. */
const setDefaultHeader = (request: HttpClientRequest.HttpClientRequest, name: string, value: Option.Option<string>) =>
  Option.isNone(value) || request.headers[name] !== undefined ? request : HttpClientRequest.setHeader(request, name, value.value)

/** Stage 1 and 2: the API root and the headers of `settings`, then the per-call options a route did not set. */
const prepare = (request: HttpClientRequest.HttpClientRequest, settings: RequestSettings) => {
  const prepared = HttpClientRequest.setHeaders(HttpClientRequest.prependUrl(request, settings.baseUrl), settings.sentHeaders)
  return setDefaultHeader(
    setDefaultHeader(prepared, "idempotency-key", settings.idempotencyKey),
    "x-audit-log-reason",
    Option.map(settings.auditLogReason, auditLogHeader)
  )
}

/** How `StoatClient.layerWith` builds the pipeline; everything is optional. */
export interface StoatClientOptions<E1 = never, R1 = never, E2 = never, R2 = never> {
  /**
   * A stage of your own around the pipeline (logging, metrics, headers...), as `HttpClient`
   * combinators: it runs once per call, around the retries; request mappings reach every attempt.
   */
  readonly transformClient?: (client: HttpClient.HttpClient.With<ClientError>) => HttpClient.HttpClient.With<ClientError>
  /** The rate limiter: in memory (`RateLimiter.layer`) by default. */
  readonly limiter?: Layer.Layer<RateLimiter, E1, R1>
  /** The retry bounds and backoff (3 retries of each kind, 500 ms doubling to 10 s by default). */
  readonly retry?: Partial<RetryPolicy>
  /** The cache the client fills: an in-memory `StoatCache.layer` by default. */
  readonly cache?: Layer.Layer<StoatCache, E2, R2>
}

/** The HTTP pipeline to one Stoat instance: every operation's request goes through it. */
export class StoatClient extends Context.Tag("effect-stoat/StoatClient")<
  StoatClient,
  {
    /**
     * Sends a route and decodes the response into `success`, or fails with exactly one of the
     * declared errors or a `ClientError`. What comes back is remembered by the cache.
     */
    readonly request: <A, I, E>(
      route: Route,
      success: Schema.Schema<A, I>,
      errors: Declared<E>
    ) => Effect.Effect<A, E | ClientError>
    /**
     * Sends a route whose success body is not JSON (a PNG...) and returns its bytes; any other
     * answer fails as `request` would. Nothing is remembered.
     */
    readonly requestBytes: <E>(route: Route, errors: Declared<E>) => Effect.Effect<Uint8Array, E | ClientError>
    /** The settings the client was made with (the token stays `Redacted`). */
    readonly config: Context.Tag.Service<StoatConfig>
    readonly cache: Context.Tag.Service<StoatCache>
  }
>() {
  /**
   * The pipeline with your own choices: a stage of yours, the rate limiter, the retry bounds, the
   * cache. Stages, inside out: base URL and auth, per-call options, transport with a timeout of
   * wire time, rate limiter, 429 retries, transient retries with backoff, your stage; then decoding.
   */
  static layerWith<E1 = never, R1 = never, E2 = never, R2 = never>(
    options: StoatClientOptions<E1, R1, E2, R2>
  ): Layer.Layer<StoatClient | StoatCache, E1 | E2, StoatConfig | HttpClient.HttpClient | R1 | R2> {
    const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry }
    const make = Effect.gen(function*() {
      const config = yield* StoatConfig
      const cache = yield* StoatCache
      const limiter = yield* RateLimiter
      const settings = requestSettings(config)
      const transport = yield* HttpClient.HttpClient
      const timeout = makeWireTimeout(yield* Effect.scope)
      const cutsOff = isCuttingOff(transport)
      // Stages 3 to 6 for a prepared request: the limiter around the timed wire, then both kinds of retry.
      const send = (request: HttpClientRequest.HttpClientRequest, current: RequestSettings) =>
        Effect.flatMap(requestKey(request, current), (key) => {
          const attempt = limiter.limit(key, sendOnce(transport.execute(request), request, { timeout, cutsOff, budget: current.timeout }))
          const paced = retryRateLimited(attempt, request, Option.getOrElse(current.retries, () => policy.rateLimited), () => bucketOf(key))
          return retryTransient(paced, request, policy, Option.getOrElse(current.retries, () => policy.transient))
        })
      const pipeline = HttpClient.makeWith<never, never, TransportError | RateLimited, never>(
        (prepared) => Effect.flatMap(prepared, (request) => Effect.flatMap(settings, (current) => send(request, current))),
        (request) => Effect.map(settings, (current) => prepare(request, current))
      )
      const http = options.transformClient === undefined ? pipeline : options.transformClient(pipeline)

      const exchange = (route: Route) => http.execute(toHttpRequest(route))

      /** What decoding needs of a response: the request it answers, the kind of token actually sent (a per-call one included). */
      const answer = (response: HttpClientResponse.HttpClientResponse, body: string): RawResponse => ({
        method: response.request.method,
        url: urlOf(response.request),
        status: response.status,
        body,
        tokenKind: response.request.headers["x-bot-token"] !== undefined ? "bot" : "user"
      })
      const decode = <A, I, E>(response: HttpClientResponse.HttpClientResponse, success: Schema.Schema<A, I>, errors: Declared<E>) =>
        Effect.flatMap(bodyText(response), (body) => decodeResponse(answer(response, body), success, errors))

      return StoatClient.of({
        cache,
        config,
        request: (route, success, errors) =>
          exchange(route).pipe(
            Effect.flatMap((response) => decode(response, success, errors)),
            Effect.tap((value) => cache.rememberResponse(route, value))
          ),
        requestBytes: (route, errors) =>
          Effect.flatMap(exchange(route), (response) =>
            response.status >= 200 && response.status < 300
              ? bodyBytes(response)
              : decode(response, Schema.Never, errors))
      })
    })
    return Layer.scoped(StoatClient, make).pipe(
      Layer.provideMerge(options.cache ?? StoatCache.layer),
      Layer.provide(options.limiter ?? RateLimiter.layer),
      Layer.merge(redactTokenHeaders)
    )
  }

  /** The client over any `HttpClient`, paced by the in-memory rate limiter, with the cache it fills. */
  static layer: Layer.Layer<StoatClient | StoatCache, never, StoatConfig | HttpClient.HttpClient> = StoatClient.layerWith({})
}
