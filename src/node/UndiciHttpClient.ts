import {
  Cookies,
  Headers,
  HttpClient,
  HttpClientError,
  type HttpClientRequest,
  HttpClientResponse,
  HttpIncomingMessage,
  UrlParams
} from "@effect/platform"
import { NodeStream } from "@effect/platform-node"
import { Effect, Inspectable, Layer, Option, type Stream } from "effect"
import { EventEmitter } from "node:events"
import { Readable } from "node:stream"
import { Agent, type Dispatcher } from "undici"
import { cutoffOf, cutsOffRequests } from "../internal/wireCutoff.js"

/** A response body nobody reads or cancels is released when its response is collected, so its connection is not held. */
const unread = new FinalizationRegistry<Dispatcher.ResponseData["body"]>((body) => body.destroy())

/** A response over undici's: each way of reading the body reads it once, and interrupting a read aborts it. */
class UndiciResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  private readonly reads = new Map<string, Promise<unknown>>()

  constructor(readonly request: HttpClientRequest.HttpClientRequest, private readonly source: Dispatcher.ResponseData) {
    super()
    source.body.on("error", () => {})
    unread.register(this, source.body, this)
  }

  get status(): number {
    return this.source.statusCode
  }

  private readHeaders: Headers.Headers | undefined

  get headers(): Headers.Headers {
    if (this.readHeaders === undefined) this.readHeaders = Headers.fromInput(this.source.headers)
    return this.readHeaders
  }

  get cookies(): Cookies.Cookies {
    const header = this.source.headers["set-cookie"]
    if (header === undefined) return Cookies.empty
    return Cookies.fromSetCookie(Array.isArray(header) ? header : [header])
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  private failure(cause: unknown) {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  /** The body read once by `read` (later calls share that read); interrupting the read destroys the body. */
  private body<A>(kind: string, read: (body: Dispatcher.ResponseData["body"]) => Promise<A>): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.async((resume) => {
      unread.unregister(this)
      const body = this.source.body
      cutoffOf(this.request)?.onCut(() => body.destroy())
      let pending = this.reads.get(kind)
      if (pending === undefined) {
        pending = read(body)
        this.reads.set(kind, pending)
      }
      // The map holds what `read` gave for this kind, so this is the `A` it was stored with.
      ;(pending as Promise<A>).then(
        (value) => resume(Effect.succeed(value)),
        (cause: unknown) => resume(Effect.fail(this.failure(cause)))
      )
      return Effect.sync(() => body.destroy())
    })
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return this.body("text", (body) => body.text())
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: (): unknown => (text === "" ? null : JSON.parse(text)), catch: (cause) => this.failure(cause) }))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return this.body("arrayBuffer", (body) => body.arrayBuffer())
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return this.body("formData", (body) => body.formData())
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: () => UrlParams.fromInput(new URLSearchParams(text)), catch: (cause) => this.failure(cause) }))
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    unread.unregister(this)
    return NodeStream.fromReadable(() => this.source.body, (cause) => this.failure(cause))
  }

  toJSON(): unknown {
    return { _id: "@effect/platform/HttpClientResponse", request: this.request.toJSON(), status: this.status }
  }
}

/**
 * Stops one request: undici takes an `EventEmitter` as its `signal`, which costs a fraction of an
 * `AbortController` (measured: a quarter of a whole `request()` on loopback).
 */
class AbortEmitter extends EventEmitter {
  aborted = false
  reason: Error | undefined

  /** Without a reason, undici fails the request with its own `RequestAbortedError`. */
  abort(reason?: Error): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason
    this.emit("abort")
  }
}

interface UndiciBody {
  readonly body: string | Uint8Array | Readable | null
  /** The `content-type` the body brings (a form's multipart boundary). */
  readonly contentType?: string
}

const requestBody = (request: HttpClientRequest.HttpClientRequest): Effect.Effect<UndiciBody, HttpClientError.RequestError> => {
  const body = request.body
  const encodeError = (cause: unknown) => new HttpClientError.RequestError({ request, reason: "Encode", cause })
  switch (body._tag) {
    case "Empty":
      return Effect.succeed({ body: null })
    case "Uint8Array":
      return Effect.succeed({ body: body.body })
    case "Raw": {
      const raw = body.body
      return typeof raw === "string" || raw instanceof Uint8Array || raw instanceof Readable ?
        Effect.succeed({ body: raw }) :
        Effect.fail(encodeError(new TypeError("a raw body must be a string, bytes or a Readable")))
    }
    case "FormData":
      // Encoded as fetch encodes it, boundary and all.
      return Effect.tryPromise({
        try: async () => {
          const encoded = new Response(body.formData)
          const contentType = encoded.headers.get("content-type") ?? "multipart/form-data"
          return { body: new Uint8Array(await encoded.arrayBuffer()), contentType }
        },
        catch: encodeError
      })
    case "Stream":
      return Effect.map(NodeStream.toReadable(body.stream), (readable) => ({ body: readable }))
  }
}

/**
 * An `HttpClient` over an undici dispatcher, without what `@effect/platform`'s client adds to every
 * request (a span with its attributes and trace headers, a finalizer per response, the response
 * wrapped twice): interrupting a request aborts it, and each body is streamed or read once.
 */
export const makeUndiciHttpClient = (dispatcher: Dispatcher): HttpClient.HttpClient =>
  cutsOffRequests(HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    Effect.flatMap((request) => {
      const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
      if (url._tag === "Left") {
        return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
      }
      return Effect.flatMap(requestBody(request), ({ body, contentType }) =>
        Effect.async<Dispatcher.ResponseData, HttpClientError.RequestError>((resume) => {
          // One signal stops the request, whether the caller is interrupted or the pipeline cuts it off.
          const signal = new AbortEmitter()
          cutoffOf(request)?.onCut(() => signal.abort(new Error("the request's wire time is spent")))
          dispatcher.request({
            signal,
            method: request.method,
            headers: contentType === undefined ? request.headers : { ...request.headers, "content-type": contentType },
            origin: url.right.origin,
            path: url.right.pathname + url.right.search + url.right.hash,
            body,
            // Time limits are the caller's: interruption, or the pipeline's cutoff.
            headersTimeout: 60 * 60 * 1000,
            bodyTimeout: 0
          }).then(
            (source) => resume(Effect.succeed(source)),
            (cause: unknown) => resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
          )
          return Effect.sync(() => signal.abort())
        }).pipe(Effect.map((source): HttpClientResponse.HttpClientResponse => new UndiciResponse(request, source))))
    }),
    Effect.succeed
  ))

/** `makeUndiciHttpClient` over an undici `Agent` of its own, closed with the layer. */
export const layerUndiciHttpClient: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(
    Effect.acquireRelease(Effect.sync(() => new Agent()), (agent) => Effect.promise(() => agent.destroy())),
    makeUndiciHttpClient
  )
)
