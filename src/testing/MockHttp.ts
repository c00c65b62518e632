import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import type { HttpBody } from "@effect/platform/HttpBody"
import { Context, Effect, Layer, Ref } from "effect"

/** A request as the mock received it. */
export interface RecordedRequest {
  readonly method: string
  /** The full URL, path segments still percent-encoded as sent. */
  readonly url: URL
  /** The raw path, percent-encoding kept. */
  readonly path: string
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The body parsed as JSON, or its text when it is not JSON, or `undefined` when there is none. */
  readonly body: unknown
}

/** What the mock answers. */
export interface MockResponse {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

/** Answers one request: a response, or a failure standing for a broken connection. */
export type MockHandler = (request: RecordedRequest) => MockResponse | Effect.Effect<MockResponse, Error>

const bodyText = (body: HttpBody): string | undefined => {
  switch (body._tag) {
    case "Uint8Array":
      return new TextDecoder().decode(body.body)
    case "Raw":
      return typeof body.body === "string" ? body.body : String(body.body)
    default:
      return undefined
  }
}

const parseBody = (text: string | undefined): unknown => {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** A mock `HttpClient` answering from a handler and recording every request it receives. */
export class MockHttp extends Context.Tag("effect-stoat/testing/MockHttp")<
  MockHttp,
  { readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>> }
>() {
  /** A JSON response. */
  static json(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): MockResponse {
    return { status, body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } }
  }

  /** A response with a text body of the given type (HTML, a truncated JSON...). */
  static text(status: number, body: string, contentType = "text/plain"): MockResponse {
    return { status, body, headers: { "content-type": contentType } }
  }

  /** A response with no body (204 by default). */
  static empty(status = 204): MockResponse {
    return { status }
  }

  /** A connection reset by the peer. */
  static reset: Effect.Effect<never, Error> = Effect.fail(new Error("read ECONNRESET"))

  /** The requests received so far, oldest first. */
  static requests: Effect.Effect<ReadonlyArray<RecordedRequest>, never, MockHttp> = Effect.flatMap(
    MockHttp,
    (mock) => mock.requests
  )

  /** An `HttpClient` answered by `handler`, and the `MockHttp` recording what it received. */
  static layer(handler: MockHandler): Layer.Layer<HttpClient.HttpClient | MockHttp> {
    return Layer.effectContext(
      Effect.gen(function*() {
        const received = yield* Ref.make<ReadonlyArray<RecordedRequest>>([])
        const client = HttpClient.make((request, url) => {
          const recorded: RecordedRequest = {
            method: request.method,
            url,
            path: url.pathname,
            headers: request.headers,
            body: parseBody(bodyText(request.body))
          }
          return Ref.update(received, (all) => [...all, recorded]).pipe(
            Effect.zipRight(Effect.suspend(() => {
              const answer = handler(recorded)
              return Effect.isEffect(answer) ? answer : Effect.succeed(answer)
            })),
            Effect.map((answer) =>
              HttpClientResponse.fromWeb(
                request,
                new Response(answer.body ?? null, { status: answer.status, headers: answer.headers ?? {} })
              )
            ),
            Effect.mapError((cause) =>
              new HttpClientError.RequestError({ request, reason: "Transport", cause, description: cause.message })
            )
          )
        })
        return Context.make(HttpClient.HttpClient, client).pipe(
          Context.add(MockHttp, { requests: Ref.get(received) })
        )
      })
    )
  }
}
