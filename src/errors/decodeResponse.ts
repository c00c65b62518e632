import { Effect, Either, ParseResult, Predicate, Schema } from "effect"
import type { AnsweredRequest } from "./ApiError.js"
import type { Declared } from "./Declared.js"
import { UnexpectedResponse } from "./ClientError.js"

/** A response as read off the wire, with the request it answers. */
export interface RawResponse {
  readonly method: string
  readonly url: string
  readonly status: number
  readonly body: string
  /** The kind of token the request was sent with, so an `InvalidSession` can say what to check. */
  readonly tokenKind?: "bot" | "user" | undefined
}

/** The request a response answers, as an API error names it: the method and the path with its ids. */
const answered = (response: RawResponse): AnsweredRequest => {
  const path = URL.canParse(response.url) ? new URL(response.url).pathname : response.url.replace(/[?#].*$/, "")
  return response.tokenKind === undefined
    ? { method: response.method, path }
    : { method: response.method, path, tokenKind: response.tokenKind }
}

const parseJson = (text: string): Either.Either<unknown, string> => {
  if (text === "") return Either.right(undefined)
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left(text)
  }
}

/**
 * Decodes a response into the operation's success value or exactly one failure: a declared wire
 * error (chosen by the body's `type`) or `UnexpectedResponse` (the pipeline has already answered the
 * rate limiter's 429s). Any 401 is
 * `InvalidSession`, and a `NoEffect` body fails whatever its status.
 */
export const decodeResponse = <A, I, E>(
  response: RawResponse,
  success: Schema.Schema<A, I>,
  declared: Declared<E>
): Effect.Effect<A, E | UnexpectedResponse> => {
  const parsed = parseJson(response.body)
  const body = Either.merge(parsed)
  const unexpected = (description: string) =>
    Effect.fail(
      new UnexpectedResponse({
        method: response.method,
        url: response.url,
        status: response.status,
        body,
        description
      })
    )
  const declaredError = (tag: string, fields: Readonly<Record<string, unknown>>) => {
    const schema = declared.schema(tag)
    if (schema === undefined) return unexpected(`the operation does not declare the error type ${tag}`)
    return Either.match(Schema.decodeUnknownEither(schema)({ ...fields, request: answered(response) }), {
      onLeft: (error) => unexpected(`malformed ${tag} error: ${ParseResult.TreeFormatter.formatErrorSync(error)}`),
      onRight: (error) => Effect.fail(error)
    })
  }

  if (response.status === 401) return declaredError("InvalidSession", { _tag: "InvalidSession" })
  if (Either.isLeft(parsed)) return unexpected("the body is not JSON")
  const json = parsed.right
  const record = Predicate.isRecord(json) ? json : undefined
  const type = typeof record?.["type"] === "string" ? record["type"] : undefined
  if (type === "NoEffect") return declaredError(type, { ...record, _tag: type })
  if (response.status >= 200 && response.status < 300) {
    return Either.match(Schema.decodeUnknownEither(success)(json), {
      onLeft: (error) => unexpected(`the body is not the expected success: ${ParseResult.TreeFormatter.formatErrorSync(error)}`),
      onRight: Effect.succeed
    })
  }
  if (type !== undefined) return declaredError(type, { ...record, _tag: type })
  return unexpected(
    Predicate.isRecord(record?.["error"])
      ? "the server's plain error body, not a Stoat error"
      : "the body is neither a Stoat error nor the expected success"
  )
}
