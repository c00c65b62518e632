import { Schema } from "effect"

/** No response arrived: the connection was refused or reset, or the request timed out. */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  reason: Schema.Literal("Timeout", "Transport"),
  method: Schema.String,
  url: Schema.String,
  description: Schema.String
}) {
  override get message(): string {
    return `${this.method} ${this.url}: ${this.reason === "Timeout" ? "timed out" : this.description}`
  }
}

/** The rate limiter answered 429 `{"retry_after": ms}`; `retryAfter` is how long to wait. */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  method: Schema.String,
  url: Schema.String,
  retryAfter: Schema.DurationFromSelf
}) {
  override get message(): string {
    return `${this.method} ${this.url}: rate limited, retry after ${Math.ceil(this.retryAfter.value._tag === "Millis" ? this.retryAfter.value.millis : 0)} ms`
  }
}

/**
 * A response that is neither the declared success nor a declared error: an undeclared or unknown
 * `type`, the server's plain `{"error":{...}}` body, HTML, or broken JSON. `body` is what was read.
 */
export class UnexpectedResponse extends Schema.TaggedError<UnexpectedResponse>()("UnexpectedResponse", {
  method: Schema.String,
  url: Schema.String,
  status: Schema.Number,
  body: Schema.Unknown,
  description: Schema.String
}) {
  override get message(): string {
    return `${this.method} ${this.url}: HTTP ${this.status}: ${this.description}`
  }
}

/** The failures any operation may meet besides the ones its route declares. */
export type ClientError = TransportError | RateLimited | UnexpectedResponse
