import {
  type Cookies,
  type Headers,
  HttpClientError,
  type HttpClientRequest,
  HttpClientResponse,
  HttpIncomingMessage,
  UrlParams
} from "@effect/platform"
import { Effect, Inspectable, type Option, Stream } from "effect"

const utf8 = new TextDecoder()

/**
 * A response whose body has been read into memory: every read is served from the bytes, as often
 * as asked. The pipeline's stages after the wire (limiter, retries, your own stage) see these.
 */
export class BufferedResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly status: number
  readonly headers: Headers.Headers
  private decoded: string | undefined

  /** `source` is the response as the wire gave it, `bytes` its whole body. */
  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    private readonly source: HttpClientResponse.HttpClientResponse,
    readonly bytes: Uint8Array
  ) {
    super()
    this.status = source.status
    this.headers = source.headers
  }


  get cookies(): Cookies.Cookies {
    return this.source.cookies
  }

  get remoteAddress(): Option.Option<string> {
    return this.source.remoteAddress
  }

  /** The body as text, decoded once. */
  get bodyText(): string {
    if (this.decoded === undefined) this.decoded = utf8.decode(this.bytes)
    return this.decoded
  }

  private failure(cause: unknown) {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.sync(() => this.bodyText)
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.try({
      try: (): unknown => (this.bytes.byteLength === 0 ? null : JSON.parse(this.bodyText)),
      catch: (cause) => this.failure(cause)
    })
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.sync(() => this.bytes.slice().buffer)
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.try({
      try: () => UrlParams.fromInput(new URLSearchParams(this.bodyText)),
      catch: (cause) => this.failure(cause)
    })
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.tryPromise({
      try: () => new Response(this.bytes, { status: this.status, headers: this.headers }).formData(),
      catch: (cause) => this.failure(cause)
    })
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return this.bytes.byteLength === 0 ? Stream.empty : Stream.succeed(this.bytes)
  }

  toJSON(): unknown {
    return { _id: "@effect/platform/HttpClientResponse", request: this.request.toJSON(), status: this.status }
  }
}

/** The bytes of a response, from memory when it is a `BufferedResponse`. */
export const bodyBytes = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<Uint8Array> =>
  response instanceof BufferedResponse
    ? Effect.succeed(response.bytes)
    : Effect.map(Effect.orElseSucceed(response.arrayBuffer, () => new ArrayBuffer(0)), (buffer) => new Uint8Array(buffer))

/** The text of a response, from memory when it is a `BufferedResponse`. */
export const bodyText = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<string> =>
  response instanceof BufferedResponse
    ? Effect.succeed(response.bodyText)
    : Effect.map(bodyBytes(response), (bytes) => utf8.decode(bytes))
