import { apiErrors, type ApiErrorTag } from "../../errors/ApiError.js"

/** A request as it reaches the fake: the raw path, percent-encoding kept. */
export interface FakeRequest {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
  /** The client's address: what the rate limiter keys on without a user session. */
  readonly ip: string
}

/** What the fake answers. */
export interface FakeResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** A binary body (a PNG...), sent instead of `body` when present. */
  readonly bytes?: Uint8Array
}

/** A JSON response. */
export const json = (status: number, body: unknown): FakeResponse => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body)
})

/** `204 No Content`. */
export const noContent: FakeResponse = { status: 204, headers: {}, body: "" }

/** A Stoat error, with the status the backend gives its type. */
export const apiError = (type: ApiErrorTag, fields: Readonly<Record<string, unknown>> = {}): FakeResponse =>
  json(apiErrors[type].status, { type, ...fields, location: "effect-stoat/fake" })

const reasons: Readonly<Record<number, readonly [string, string]>> = {
  400: ["Bad Request", "The request could not be understood by the server due to malformed syntax."],
  401: ["Unauthorized", "The request requires user authentication."],
  404: ["Not Found", "The requested resource could not be found."],
  409: ["Conflict", "The request could not be completed because of a conflict in the request."],
  413: ["Payload Too Large", "The request is larger than the server is willing or able to process."],
  422: ["Unprocessable Entity", "The request was well-formed but was unable to be followed due to semantic errors."],
  500: ["Internal Server Error", "The server encountered an internal error while processing this request."]
}

/** Whether the client's preferred type (by `Accept` and its q-values) is JSON. */
const prefersJson = (accept: string | undefined) => {
  const ranked = (accept ?? "")
    .split(",")
    .map((part, index) => {
      const [type = "", ...params] = part.trim().split(";")
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="))
      return { type: type.trim().toLowerCase(), q: q === undefined ? 1 : Number(q.slice(2)), index }
    })
    .filter((entry) => entry.type !== "")
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked[0]?.type === "application/json"
}

/**
 * The body of Rocket's default catcher: `{"error":{code,reason,description}}` when the client prefers
 * JSON, an HTML page otherwise. The backend sends it for auth failures, bad bodies and queries, bad
 * headers, unknown routes and panics.
 */
export const catcher = (request: FakeRequest, status: number): FakeResponse => {
  const [reason, description] = reasons[status] ?? ["Error", "An error occurred."]
  if (prefersJson(request.headers["accept"])) return json(status, { error: { code: status, reason, description } })
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${status} ${reason}</title></head>` +
      `<body align="center"><div role="main" align="center"><h1>${status}: ${reason}</h1><p>${description}</p>` +
      `<hr /></div><div role="contentinfo" align="center"><small>Rocket</small></div></body></html>`
  }
}
