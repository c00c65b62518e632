import { Either, Option } from "effect"
import { accountByToken, type FakeAccount, type FakeState } from "./FakeState.js"
import { catcher, type FakeRequest, type FakeResponse, json } from "./http.js"
import { bucketOf, countRequest } from "./rateLimit.js"
import { readJson } from "./routes/common.js"

/** What a route handler sees. */
export interface PublicContext {
  readonly state: FakeState
  readonly request: FakeRequest
  /** The path parameters, decoded, in order. */
  readonly params: ReadonlyArray<string>
  readonly caller: Option.Option<FakeAccount>
  /** Unix ms. */
  readonly now: number
  /** The parsed JSON body (`undefined` when the route takes none). */
  readonly body: unknown
}

/** What a handler of an authenticated route sees. */
export interface Context extends Omit<PublicContext, "caller"> {
  readonly caller: FakeAccount
}

/** What a handler returns: the response and, when it changed anything, the new state. */
export interface Outcome {
  readonly state?: FakeState
  readonly response: FakeResponse
}

/**
 * One route: method, path pattern (`:name` for a parameter), and its handler. `audit` routes read
 * the `X-Audit-Log-Reason` header (its guard comes after authentication, before the body).
 */
export type Route =
  & { readonly method: string; readonly path: string; readonly body?: "json"; readonly audit?: true }
  & (
    | { readonly auth: true; readonly handle: (context: Context) => Outcome }
    | { readonly auth: false; readonly handle: (context: PublicContext) => Outcome }
  )

const match = (pattern: ReadonlyArray<string>, segments: ReadonlyArray<string>): Option.Option<ReadonlyArray<string>> => {
  if (pattern.length !== segments.length) return Option.none()
  const params: Array<string> = []
  for (let index = 0; index < pattern.length; index++) {
    const part = pattern[index] ?? ""
    const segment = segments[index] ?? ""
    if (part.startsWith(":")) params.push(segment)
    else if (part !== segment) return Option.none()
  }
  return Option.some(params)
}

const decodeSegment = (segment: string): Option.Option<string> => {
  try {
    return Option.some(decodeURIComponent(segment))
  } catch {
    return Option.none()
  }
}

/** The account a request authenticates as (reference §1.1: a bot token, if present, is the only one read). */
const authenticate = (state: FakeState, request: FakeRequest): Option.Option<FakeAccount> => {
  const bot = request.headers["x-bot-token"]
  if (bot !== undefined) return Option.filter(accountByToken(state, bot), (account) => account.user.bot !== undefined)
  const session = request.headers["x-session-token"]
  if (session !== undefined) return Option.filter(accountByToken(state, session), (account) => account.user.bot === undefined)
  return Option.none()
}

/**
 * Who the rate limiter counts (reference §3.1): the session of a valid `X-Session-Token` (each
 * account of the fake has one session), whatever else is sent; otherwise the client's address, so
 * every bot token behind one address shares its buckets.
 */
const rateLimitIdentifier = (state: FakeState, request: FakeRequest) => {
  const token = request.headers["x-session-token"]
  const session = token === undefined
    ? Option.none()
    : Option.filter(accountByToken(state, token), (account) => account.user.bot === undefined)
  return Option.match(session, { onNone: () => `ip:${request.ip}`, onSome: (account) => `session:${account.user._id}` })
}

/** A header value's length in bytes: HTTP hands over each byte as one Latin-1 character. */
const headerBytes = (value: string) => (/^[\x00-\xff]*$/.test(value) ? value.length : Buffer.byteLength(value))

/**
 * Answers one request as the backend would: the rate limiter first (before routing and auth, so
 * failing requests count too), then the route, its authentication, its body, and its handler.
 * Path parameters are read from the raw path, one segment at a time.
 */
export const dispatch = (routes: ReadonlyArray<Route>, state: FakeState, request: FakeRequest, now: number): Outcome => {
  const raw = request.path.split("/").slice(1)
  const identifier = rateLimitIdentifier(state, request)
  const decision = countRequest(state.rate, state.settings, identifier, bucketOf(request.method, raw), now)
  const counted = { ...state, rate: decision.windows }
  const withHeaders = (outcome: Outcome): Outcome => ({
    state: outcome.state ?? counted,
    response: { ...outcome.response, headers: { ...outcome.response.headers, ...decision.headers } }
  })
  if (decision.limited) return withHeaders({ response: json(429, { retry_after: decision.resetAfter }) })

  const decoded = Option.all(raw.map(decodeSegment))
  const found = Option.flatMap(decoded, (segments) =>
    Option.firstSomeOf(routes.map((route) =>
      route.method === request.method
        ? Option.map(match(route.path.split("/").slice(1), segments), (params) => ({ route, params }))
        : Option.none()
    )))
  if (Option.isNone(found)) return withHeaders({ response: catcher(request, 404) })
  const { route, params } = found.value

  // Rocket runs the guards in order: authentication, the audit-log reason, then the JSON body.
  const caller = authenticate(counted, request)
  if (route.auth && Option.isNone(caller)) return withHeaders({ response: catcher(request, 401) })
  const reason = request.headers["x-audit-log-reason"]
  // `AuditLogReason` fails with a bare 400 status: its `HeaderTooLarge` body is never sent.
  if (route.audit && reason !== undefined && headerBytes(reason) > 512) return withHeaders({ response: catcher(request, 400) })
  const body = route.body === "json" ? readJson(request) : Either.right(undefined)
  if (Either.isLeft(body)) return withHeaders({ response: body.left })
  const base = { state: counted, request, params, now, body: body.right }
  if (route.auth) return withHeaders(route.handle({ ...base, caller: Option.getOrThrow(caller) }))
  return withHeaders(route.handle({ ...base, caller }))
}
