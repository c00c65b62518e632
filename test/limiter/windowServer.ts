import { HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Clock, Effect } from "effect"

/** One request the model server saw: when, which caller, and whether it was refused. */
export interface Seen {
  readonly at: number
  readonly caller: number
  readonly status: number
}

/**
 * A one-bucket server with the backend's fixed window (its first request opens a window of
 * `windowMillis`; `limit` requests per window), answering with its rate-limit headers.
 */
export const windowServer = (limit: number, windowMillis: number, options: { readonly headers?: boolean } = {}) => {
  const seen: Array<Seen> = []
  let used = 0
  let resetAt = -1
  const send = (caller: number) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      // The backend renews a window once `now > reset`: at the reset instant the old one still counts.
      if (now > resetAt) {
        used = 0
        resetAt = now + windowMillis
      }
      const refused = used >= limit
      if (!refused) used += 1
      const status = refused ? 429 : 200
      seen.push({ at: now, caller, status })
      const headers = options.headers === false ? {} : {
        "x-ratelimit-limit": String(limit),
        "x-ratelimit-bucket": "8429176393",
        "x-ratelimit-remaining": String(limit - used),
        "x-ratelimit-reset-after": String(resetAt - now)
      }
      const body = refused ? JSON.stringify({ retry_after: resetAt - now }) : "{}"
      return Effect.succeed(
        HttpClientResponse.fromWeb(HttpClientRequest.get("/"), new Response(body, { status, headers }))
      )
    })
  return {
    send,
    seen,
    refused: () => seen.filter((request) => request.status === 429).length
  }
}
