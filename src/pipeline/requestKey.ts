import type { HttpClientRequest } from "@effect/platform"
import { Effect, Redacted } from "effect"
import type { RequestKey } from "../services/RateLimiter.js"
import type { RequestSettings } from "./RequestOptions.js"
import { withoutTrailingSlashes } from "../internal/url.js"

const tokenDigests = new WeakMap<Redacted.Redacted<string>, string>()

/** The first 16 hex digits of the token's SHA-256: names a session without revealing it. */
const digestOf = (token: Redacted.Redacted<string>): Effect.Effect<string> => {
  const known = tokenDigests.get(token)
  if (known !== undefined) return Effect.succeed(known)
  return Effect.promise(() => crypto.subtle.digest("SHA-256", new TextEncoder().encode(Redacted.value(token)))).pipe(
    Effect.map((hash) => {
      const hex = Array.from(new Uint8Array(hash).slice(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join("")
      tokenDigests.set(token, hex)
      return hex
    })
  )
}

/** The origin and path of each API root, worked out once. */
const roots = new Map<string, { readonly origin: string; readonly path: string }>()
const rootOf = (baseUrl: string) => {
  let root = roots.get(baseUrl)
  if (root === undefined) {
    const url = new URL(baseUrl)
    root = { origin: url.origin, path: withoutTrailingSlashes(url.pathname) }
    roots.set(baseUrl, root)
  }
  return root
}

const unusual = /[?#\\]|\/\.\.?(\/|$)/

/** A request's origin and path under the API root (the base URL's own path removed), still encoded, no query. */
const locate = (request: HttpClientRequest.HttpClientRequest, settings: RequestSettings) => {
  const rest = request.url.startsWith(settings.baseUrl) ? request.url.slice(settings.baseUrl.length) : undefined
  // The usual case, a URL the pipeline built: the root, then a path with nothing for a URL parser to change.
  if (rest !== undefined && !unusual.test(rest)) return { origin: rootOf(settings.baseUrl).origin, path: rest === "" ? "/" : rest }
  const url = new URL(request.url)
  const root = rootOf(settings.baseUrl).path
  const relative = url.pathname.startsWith(root) ? url.pathname.slice(root.length) : url.pathname
  return { origin: url.origin, path: relative === "" ? "/" : relative }
}

/**
 * The rate limiter's key of a request: its method, its path under the API root, and whom the server
 * counts it against (reference §3.1): the address behind a bot token (so the API origin), a
 * session for a user token (the origin and a digest of the token, never the token).
 */
export const requestKey = (
  request: HttpClientRequest.HttpClientRequest,
  settings: RequestSettings
): Effect.Effect<RequestKey> => {
  const { origin, path } = locate(request, settings)
  const key = (identity: string): RequestKey => ({ method: request.method, path, identity })
  return settings.tokenKind === "bot"
    ? Effect.succeed(key(origin))
    : Effect.map(digestOf(settings.token), (digest) => key(`${origin}#${digest}`))
}
