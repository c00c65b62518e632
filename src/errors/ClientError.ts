import { Duration, Schema } from "effect"

/**
 * No response arrived: the connection was refused or reset, or the request timed out. `outcome`
 * says whether the server may have handled the request (`Unknown`) or surely never saw it
 * (`NotSent`: refused connection, failed DNS lookup, connect timeout, a request that could not be
 * built). `cause` is the underlying error, never the request.
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  reason: Schema.Literal("Timeout", "Transport", "InvalidRequest"),
  outcome: Schema.Literal("NotSent", "Unknown"),
  method: Schema.String,
  url: Schema.String,
  description: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {
  override get message(): string {
    const what = this.reason === "Timeout" ? "timed out" : this.description
    const outcome = this.outcome === "NotSent"
      ? "the request never reached the server"
      : "the server may or may not have handled the request"
    return `${this.method} ${this.url}: ${what} (${outcome})`
  }
}

/**
 * The rate limiter kept answering 429 `{"retry_after": ms}` after the client's retries:
 * `retryAfter` is the last wait it asked for, `bucket` the rate-limit bucket that is spent.
 */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  method: Schema.String,
  url: Schema.String,
  retryAfter: Schema.DurationFromSelf,
  bucket: Schema.String
}) {
  override get message(): string {
    return `${this.method} ${this.url}: rate limited in bucket ${this.bucket}, retry after ${Duration.toMillis(this.retryAfter)} ms`
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
