import { HttpClientError, HttpClientResponse, UrlParams } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { Duration, Effect, Predicate } from "effect"
import { TransportError } from "../errors/ClientError.js"

/** The full URL of a request, query included, as errors show it. */
export const urlOf = (request: HttpClientRequest.HttpClientRequest): string => {
  const query = UrlParams.toString(request.urlParams)
  return `${request.url}${query === "" ? "" : `?${query}`}`
}

/** Codes and system calls of failures that happen before a request's first byte leaves. */
const notSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "UND_ERR_CONNECT_TIMEOUT"])
const notSentCalls = new Set(["connect", "getaddrinfo"])

/**
 * Whether a transport failure surely happened before the request reached the server. Node's
 * clients (undici, `node:http`) fail with the socket error itself, `fetch` wraps it as the `cause`
 * of a `TypeError`, and a dual-stack connect gathers several under `errors`.
 */
export const neverSent = (cause: unknown): boolean => {
  if (!Predicate.isObject(cause)) return false
  const code = "code" in cause ? cause.code : undefined
  const syscall = "syscall" in cause ? cause.syscall : undefined
  if (typeof code === "string" && notSentCodes.has(code)) return true
  if (typeof syscall === "string" && notSentCalls.has(syscall)) return true
  if ("errors" in cause && Array.isArray(cause.errors) && cause.errors.length > 0) return cause.errors.every(neverSent)
  return "cause" in cause && neverSent(cause.cause)
}

const messageOf = (cause: unknown, fallback: string): string =>
  cause instanceof Error && cause.message !== "" ? cause.message : fallback

/** The `TransportError` for a client failure: its underlying error kept as `cause`, the request dropped. */
export const transportError = (error: HttpClientError.HttpClientError): TransportError => {
  const request = error.request
  const cause: unknown = error.cause
  const common = { method: request.method, url: urlOf(request), cause: cause instanceof Error ? cause : undefined }
  if (error._tag === "RequestError" && error.reason !== "Transport") {
    return new TransportError({
      ...common,
      reason: "InvalidRequest",
      outcome: "NotSent",
      description: error.description ?? messageOf(cause, `the request could not be built (${error.reason})`)
    })
  }
  const sent = error._tag === "ResponseError" || !neverSent(cause)
  return new TransportError({
    ...common,
    reason: "Transport",
    outcome: sent ? "Unknown" : "NotSent",
    description: error.description ?? messageOf(cause, error.reason)
  })
}

/**
 * Sleeps until `budget` of wire time has passed, counted in steps of at most a tenth of it (and at
 * most 1 s): a step that ends late because the event loop was busy elsewhere counts for its
 * nominal length only, so time spent blocked by other work is not charged to this request.
 */
export const wireTime = (budget: Duration.Duration): Effect.Effect<void> => {
  const step = Duration.millis(Math.min(1000, Duration.toMillis(budget) / 10))
  const loop = (left: Duration.Duration): Effect.Effect<void> =>
    Duration.lessThanOrEqualTo(left, Duration.zero)
      ? Effect.void
      : Effect.suspend(() => {
        const next = Duration.min(step, left)
        return Effect.zipRight(Effect.sleep(next), loop(Duration.subtract(left, next)))
      })
  return loop(budget)
}

/**
 * One attempt on the wire: sends, reads the whole body, and gives back a response whose body is
 * in memory, or fails with `TransportError`; `timeout` of wire time (see `wireTime`) bounds it all.
 */
export const sendOnce = (
  send: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>,
  request: HttpClientRequest.HttpClientRequest,
  timeout: Duration.Duration
): Effect.Effect<HttpClientResponse.HttpClientResponse, TransportError> => {
  const read = send.pipe(
    Effect.flatMap((response) =>
      Effect.map(response.arrayBuffer, (body) =>
        HttpClientResponse.fromWeb(
          request,
          new Response(body.byteLength === 0 ? null : body, { status: response.status, headers: response.headers })
        ))
    ),
    Effect.mapError(transportError)
  )
  const timedOut = Effect.zipRight(
    wireTime(timeout),
    Effect.fail(
      new TransportError({
        reason: "Timeout",
        outcome: "Unknown",
        method: request.method,
        url: urlOf(request),
        description: `no complete answer within ${Duration.format(timeout)}`
      })
    )
  )
  return Effect.raceFirst(read, timedOut)
}
