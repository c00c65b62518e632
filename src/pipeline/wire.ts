import { type HttpClientError, type HttpClientResponse, UrlParams } from "@effect/platform"
import type { HttpClientRequest } from "@effect/platform"
import { Duration, Effect, Predicate } from "effect"
import { TransportError } from "../errors/ClientError.js"
import { BufferedResponse } from "./BufferedResponse.js"
import type { WireTimeout } from "./wireTimeout.js"
import { setCutoff } from "../internal/wireCutoff.js"

/** The full URL of a request, query included, as errors show it. */
export const urlOf = (request: HttpClientRequest.HttpClientRequest): string => {
  if (request.urlParams.length === 0) return request.url
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
 * One attempt on the wire: sends, reads the whole body, and gives back a response whose body is
 * in memory, or fails with `TransportError`; `budget` of wire time (see `makeWireTimeout`) bounds
 * it all, cut off by the transport itself when it can (`cutsOff`), else by interrupting the attempt.
 */
export const sendOnce = (
  send: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>,
  request: HttpClientRequest.HttpClientRequest,
  timing: { readonly timeout: WireTimeout; readonly cutsOff: boolean; readonly budget: Duration.Duration }
): Effect.Effect<HttpClientResponse.HttpClientResponse, TransportError> => {
  const read = send.pipe(
    Effect.flatMap((response) =>
      Effect.map(response.arrayBuffer, (body) => new BufferedResponse(request, response, new Uint8Array(body)))
    ),
    Effect.mapError(transportError)
  )
  const timedOut = () =>
    new TransportError({
      reason: "Timeout",
      outcome: "Unknown",
      method: request.method,
      url: urlOf(request),
      description: `no complete answer within ${Duration.format(timing.budget)}`
    })
  return timing.cutsOff
    ? timing.timeout.cuttingOff((cutoff) => {
      setCutoff(request, cutoff)
      return read
    }, timing.budget, timedOut)
    : timing.timeout.interrupting(read, timing.budget, timedOut)
}
