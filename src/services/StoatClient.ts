import { Headers, HttpClient, HttpClientRequest, UrlParams } from "@effect/platform"
import type { HttpClientError } from "@effect/platform/HttpClientError"
import { Context, Effect, Layer, Option, Redacted, Schema } from "effect"
import { type ClientError, TransportError } from "../errors/ClientError.js"
import type { Declared } from "../errors/Declared.js"
import { decodeResponse, type RawResponse } from "../errors/decodeResponse.js"
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

/** The request a route becomes, relative to the base URL. */
export const toHttpRequest = (route: Route): HttpClientRequest.HttpClientRequest => {
  const path = route.path.map(encodeURIComponent).join("/")
  let request = HttpClientRequest.make(route.method)(`/${path}`)
  for (const [key, value] of Object.entries(route.query ?? {})) {
    if (value !== undefined) request = HttpClientRequest.setUrlParam(request, key, String(value))
  }
  if (route.auditLogReason !== undefined) {
    // Header values travel as bytes: send the reason's UTF-8 bytes, which the server reads back as UTF-8.
    const bytes = Buffer.from(route.auditLogReason, "utf8").toString("latin1")
    request = HttpClientRequest.setHeader(request, "X-Audit-Log-Reason", bytes)
  }
  if (route.idempotencyKey !== undefined) {
    request = HttpClientRequest.setHeader(request, "Idempotency-Key", route.idempotencyKey)
  }
  return route.body === undefined ? request : HttpClientRequest.bodyUnsafeJson(request, route.body)
}

const tokenHeaders = ["x-bot-token", "x-session-token"]

const describe = (error: HttpClientError): string => {
  const cause: unknown = error.cause
  if (error.description !== undefined) return error.description
  return cause instanceof Error ? cause.message : error.reason
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
  /** The client over any `HttpClient`, with the cache it fills. */
  static layer: Layer.Layer<StoatClient | StoatCache, never, StoatConfig | HttpClient.HttpClient> = Layer.effect(
    StoatClient,
    Effect.gen(function*() {
      const config = yield* StoatConfig
      const cache = yield* StoatCache
      const authHeader = config.tokenKind === "bot" ? "X-Bot-Token" : "X-Session-Token"
      const http = (yield* HttpClient.HttpClient).pipe(
        HttpClient.mapRequest((request) =>
          request.pipe(
            HttpClientRequest.prependUrl(config.baseUrl),
            HttpClientRequest.setHeader(authHeader, Redacted.value(config.token)),
            HttpClientRequest.acceptJson,
            (request) =>
              Option.match(config.userAgent, {
                onNone: () => request,
                onSome: (agent) => HttpClientRequest.setHeader(request, "User-Agent", agent)
              })
          )
        )
      )

      // The transport: one attempt, bounded by the timeout. The rate limiter and retries wrap this.
      const send = (
        request: HttpClientRequest.HttpClientRequest,
        url: string
      ): Effect.Effect<RawResponse & { readonly bytes: Uint8Array }, TransportError> =>
        http.execute(request).pipe(
          Effect.flatMap((response) =>
            Effect.map(response.arrayBuffer, (buffer) => {
              const bytes = new Uint8Array(buffer)
              return { status: response.status, body: new TextDecoder().decode(bytes), bytes }
            })
          ),
          Effect.mapError((error) =>
            new TransportError({ reason: "Transport", method: request.method, url, description: describe(error) })
          ),
          Effect.timeoutFail({
            duration: config.timeout,
            onTimeout: () =>
              new TransportError({ reason: "Timeout", method: request.method, url, description: "timed out" })
          }),
          Effect.map((response) => ({ ...response, method: request.method, url })),
          Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, ...tokenHeaders])
        )

      const urlOf = (request: HttpClientRequest.HttpClientRequest) => {
        const query = UrlParams.toString(request.urlParams)
        return `${config.baseUrl}${request.url}${query === "" ? "" : `?${query}`}`
      }

      return {
        cache,
        config,
        request: (route, success, errors) => {
          const request = toHttpRequest(route)
          return send(request, urlOf(request)).pipe(
            Effect.flatMap((response) => decodeResponse(response, success, errors)),
            Effect.tap(cache.remember)
          )
        },
        requestBytes: (route, errors) => {
          const request = toHttpRequest(route)
          return send(request, urlOf(request)).pipe(
            Effect.flatMap((response) =>
              response.status >= 200 && response.status < 300
                ? Effect.succeed(response.bytes)
                : decodeResponse(response, Schema.Never, errors)
            )
          )
        }
      }
    })
  ).pipe(Layer.provideMerge(StoatCache.layer))
}
