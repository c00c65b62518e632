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
import { Chunk, Effect, Inspectable, Layer, Option, Stream } from "effect"
import type { IncomingHttpHeaders } from "node:http"
import { Readable } from "node:stream"
import { Agent, type Dispatcher, errors } from "undici"
import { cutoffOf, cutsOffRequests } from "../internal/wireCutoff.js"

/** How many body bytes are held before undici is paused, while nobody reads them or a stream's consumer lags. */
const highWaterMark = 64 * 1024

/**
 * One request over `dispatcher.dispatch`, as its undici handler: it hands the response's head to the
 * waiting fiber, then holds the body's chunks for its one reader (a read of the whole body, or a stream).
 */
class Exchange implements Dispatcher.DispatchHandler {
  status = 0
  headers: IncomingHttpHeaders = {}
  /** Received and not yet taken by a stream (a whole-body read takes none). */
  chunks: Array<Buffer> = []
  held = 0
  ended = false
  failure: Error | undefined
  reader: "none" | "whole" | "stream" = "none"
  private controller: Dispatcher.DispatchController | undefined
  private stopWith: Error | undefined
  private waiters: Array<() => void> | undefined

  constructor(
    private readonly requestBody: unknown,
    private respond: ((exchange: Exchange, failure: Error | undefined) => void) | undefined
  ) {}

  get done(): boolean {
    return this.ended || this.failure !== undefined
  }

  /** Stops the exchange where it is (a no-op once the body has ended). */
  abort(reason?: Error): void {
    if (this.done) return
    const stop = reason ?? new errors.RequestAbortedError()
    if (this.controller !== undefined) return this.controller.abort(stop)
    // Still waiting for a connection: undici drops it when its turn comes, but nobody waits till then.
    this.stopWith = stop
    this.fail(stop)
  }

  /** Calls `waiter` once at the next chunk, end or failure; the returned function forgets it. */
  wait(waiter: () => void): () => void {
    ;(this.waiters ??= []).push(waiter)
    return () => {
      this.waiters = this.waiters?.filter((other) => other !== waiter)
    }
  }

  /** Whether a reader still waits for the next chunk, end or failure. */
  get awaited(): boolean {
    return this.waiters !== undefined && this.waiters.length > 0
  }

  /** Whoever reads the body now takes its chunks as they come: undici need not wait for them. */
  read(reader: "whole" | "stream"): void {
    this.reader = reader
    if (reader === "whole" || this.held < highWaterMark) this.controller?.resume()
  }

  /** The chunks held for a stream, handed over; undici resumes if it was paused for them. */
  take(): Array<Buffer> {
    const taken = this.chunks
    this.chunks = []
    this.held = 0
    this.controller?.resume()
    return taken
  }

  /** The whole body, once it has ended. */
  whole(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.held)]
    return this.chunks[0]!
  }

  /** The whole body in an `ArrayBuffer` of its own, made once: the body is then held there only. */
  wholeArrayBuffer(): ArrayBuffer {
    const bytes = this.whole()
    const buffer = bytes.buffer
    if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.length === buffer.byteLength) return buffer
    const own = new ArrayBuffer(bytes.length)
    new Uint8Array(own).set(bytes)
    this.chunks = [Buffer.from(own)]
    return own
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller
    if (this.stopWith !== undefined) controller.abort(this.stopWith)
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    if (status < 200) return
    this.status = status
    this.headers = headers
    const respond = this.respond
    this.respond = undefined
    respond?.(this, undefined)
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk)
    this.held += chunk.length
    if (this.reader !== "whole" && this.held >= highWaterMark) controller.pause()
    this.wake()
  }

  onResponseEnd(): void {
    this.ended = true
    this.wake()
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error)
  }

  private fail(error: Error): void {
    this.failure = error
    if (this.requestBody instanceof Readable) this.requestBody.destroy(error)
    const respond = this.respond
    this.respond = undefined
    respond?.(this, error)
    this.wake()
  }

  private wake(): void {
    const waiters = this.waiters
    if (waiters === undefined) return
    this.waiters = undefined
    for (const waiter of waiters) waiter()
  }
}

/** A response nobody reads or cancels is aborted when it is collected, so its connection is not held. */
const unread = new FinalizationRegistry<Exchange>((exchange) => exchange.abort())

const utf8ByteOrderMark = 0xfeff

/** A response over an `Exchange`: the body is read whole (every buffered read shares it, `arrayBuffer` too) or streamed, once. */
class UndiciResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  private readHeaders: Headers.Headers | undefined

  constructor(readonly request: HttpClientRequest.HttpClientRequest, private readonly exchange: Exchange) {
    super()
    unread.register(this, exchange, this)
  }

  get status(): number {
    return this.exchange.status
  }

  get headers(): Headers.Headers {
    if (this.readHeaders === undefined) this.readHeaders = Headers.fromInput(this.exchange.headers)
    return this.readHeaders
  }

  get cookies(): Cookies.Cookies {
    const header = this.exchange.headers["set-cookie"]
    if (header === undefined) return Cookies.empty
    return Cookies.fromSetCookie(Array.isArray(header) ? header : [header])
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  private failure(cause: unknown) {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  /** The whole body once it has come; interrupting the last wait for it aborts the exchange. */
  private get bytes(): Effect.Effect<Buffer, HttpClientError.ResponseError> {
    return Effect.suspend(() => {
      const exchange = this.exchange
      if (exchange.reader === "stream") return Effect.fail(this.failure(new Error("the body was streamed")))
      if (exchange.reader === "none") {
        unread.unregister(this)
        exchange.read("whole")
      }
      if (exchange.done) return this.settled()
      return Effect.async<Buffer, HttpClientError.ResponseError>((resume) => {
        const check = () => {
          if (exchange.done) resume(this.settled())
          else forget = exchange.wait(check)
        }
        let forget = exchange.wait(check)
        return Effect.sync(() => {
          forget()
          if (!exchange.awaited) exchange.abort()
        })
      })
    })
  }

  private settled(): Effect.Effect<Buffer, HttpClientError.ResponseError> {
    const { exchange } = this
    return exchange.failure === undefined ? Effect.succeed(exchange.whole()) : Effect.fail(this.failure(exchange.failure))
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.map(this.bytes, (bytes) => {
      const text = bytes.toString("utf8")
      return text.charCodeAt(0) === utf8ByteOrderMark ? text.slice(1) : text
    })
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: (): unknown => (text === "" ? null : JSON.parse(text)), catch: (cause) => this.failure(cause) }))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.map(this.bytes, () => this.exchange.wholeArrayBuffer())
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.flatMap(this.bytes, (bytes) =>
      Effect.tryPromise({
        try: () => new Response(bytes, { headers: { "content-type": this.headers["content-type"] ?? "" } }).formData(),
        catch: (cause) => this.failure(cause)
      }))
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: () => UrlParams.fromInput(new URLSearchParams(text)), catch: (cause) => this.failure(cause) }))
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.suspend(() => {
      const exchange = this.exchange
      if (exchange.reader === "whole") return Stream.fromEffect(this.bytes)
      if (exchange.reader === "stream") return Stream.fail(this.failure(new Error("the body was streamed already")))
      unread.unregister(this)
      exchange.read("stream")
      return Stream.repeatEffectChunkOption(this.pull).pipe(Stream.ensuring(Effect.sync(() => exchange.abort())))
    })
  }

  /** The chunks held for the stream, or the wait for the next ones. */
  private get pull(): Effect.Effect<Chunk.Chunk<Uint8Array>, Option.Option<HttpClientError.ResponseError>> {
    return Effect.suspend(() => {
      const exchange = this.exchange
      if (exchange.chunks.length > 0) return Effect.succeed(Chunk.unsafeFromArray<Uint8Array>(exchange.take()))
      if (exchange.failure !== undefined) return Effect.fail(Option.some(this.failure(exchange.failure)))
      if (exchange.ended) return Effect.fail(Option.none())
      return Effect.async<Chunk.Chunk<Uint8Array>, Option.Option<HttpClientError.ResponseError>>((resume) => {
        const forget = exchange.wait(() => resume(this.pull))
        return Effect.sync(forget)
      })
    })
  }

  toJSON(): unknown {
    return { _id: "@effect/platform/HttpClientResponse", request: this.request.toJSON(), status: this.status }
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
 * An `HttpClient` over an undici dispatcher's `dispatch`, without what `@effect/platform`'s client adds
 * to every request (a span with its attributes and trace headers, a finalizer per response, the response
 * wrapped twice) nor what undici's `request()` adds (a promise, a body stream, an abort signal):
 * interrupting a request or a body read aborts it, and each body is streamed or read once. The
 * dispatcher must take undici 7's handler API (undici's own do, `MockAgent` too).
 */
export const makeUndiciHttpClient = (dispatcher: Dispatcher): HttpClient.HttpClient =>
  cutsOffRequests(HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    Effect.flatMap((request) => {
      const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
      if (url._tag === "Left") {
        return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
      }
      return Effect.flatMap(requestBody(request), ({ body, contentType }) =>
        Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
          const exchange = new Exchange(body, (exchange, failure) =>
            resume(failure === undefined ?
              Effect.succeed(new UndiciResponse(request, exchange)) :
              Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: failure }))))
          // The pipeline's cutoff stops the exchange, before the response or during its body.
          cutoffOf(request)?.onCut(() => exchange.abort(new Error("the request's wire time is spent")))
          dispatcher.dispatch({
            method: request.method,
            headers: contentType === undefined ? request.headers : { ...request.headers, "content-type": contentType },
            origin: url.right.origin,
            path: url.right.pathname + url.right.search + url.right.hash,
            body,
            // Time limits are the caller's: interruption, or the pipeline's cutoff.
            headersTimeout: 60 * 60 * 1000,
            bodyTimeout: 0
          }, exchange)
          return Effect.sync(() => exchange.abort())
        }))
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
