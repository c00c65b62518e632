import { Socket } from "@effect/platform"
import { Effect, FiberSet, Layer, Queue, Stream, Take } from "effect"
import { FakeEvents } from "./FakeEvents.js"

/** The close event a `FakeWebSocket` dispatches. */
class FakeCloseEvent extends Event {
  constructor(readonly code: number, readonly reason: string, readonly wasClean: boolean) {
    super("close")
  }
}

/**
 * A WebSocket connected in memory to the fake's events server (no port): what `Socket.makeWebSocket`
 * needs of a WebSocket, so the `Gateway` runs unchanged against an in-process fake.
 */
export class FakeWebSocket extends EventTarget implements WebSocket {
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  binaryType: WebSocket["binaryType"] = "blob"
  readonly bufferedAmount = 0
  readonly extensions = ""
  readonly protocol = ""
  readyState = 0
  onclose = null
  onerror = null
  onmessage = null
  onopen = null
  private pending: Array<string> = []
  private toServer: ((text: string) => void) | undefined
  private serverEnd: (() => void) | undefined

  constructor(readonly url: string, opened: (socket: FakeWebSocket) => void) {
    super()
    queueMicrotask(() => {
      if (this.readyState !== this.CONNECTING) return
      this.readyState = this.OPEN
      this.dispatchEvent(new Event("open"))
      opened(this)
    })
  }

  /** The server side: where the client's frames go, and what to call when the client closes. */
  attach(onFrame: (text: string) => void, onEnd: () => void): void {
    this.toServer = onFrame
    this.serverEnd = onEnd
    this.pending.forEach(onFrame)
    this.pending = []
    if (this.readyState === this.CLOSED) onEnd()
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.readyState === this.CONNECTING) throw new Error("WebSocket is not open: readyState 0 (CONNECTING)")
    if (this.readyState !== this.OPEN || typeof data !== "string") return
    if (this.toServer === undefined) this.pending.push(data)
    else this.toServer(data)
  }

  close(code = 1000, reason = ""): void {
    this.end(code, reason, true)
  }

  /** A frame from the server. */
  receive(text: string): void {
    if (this.readyState === this.OPEN) this.dispatchEvent(new MessageEvent("message", { data: text }))
  }

  /** The connection is lost without a close frame (1006). */
  drop(): void {
    this.end(1006, "", false)
  }

  private end(code: number, reason: string, wasClean: boolean) {
    if (this.readyState === this.CLOSED) return
    this.readyState = this.CLOSED
    this.serverEnd?.()
    queueMicrotask(() => this.dispatchEvent(new FakeCloseEvent(code, reason, wasClean)))
  }

  /** `Socket.WebSocketConstructor` over the fake's events server in context, for an in-process `Gateway`. */
  static layer: Layer.Layer<Socket.WebSocketConstructor, never, FakeEvents> = Layer.scoped(
    Socket.WebSocketConstructor,
    Effect.gen(function*() {
      const events = yield* FakeEvents
      const run = yield* FiberSet.makeRuntime<never>()
      const serve = (socket: FakeWebSocket) =>
        Effect.gen(function*() {
          const frames = yield* Queue.unbounded<Take.Take<string>>()
          socket.attach((text) => Queue.unsafeOffer(frames, Take.of(text)), () => Queue.unsafeOffer(frames, Take.end))
          const connection = {
            query: new URL(socket.url).searchParams,
            send: (text: string) => Effect.sync(() => socket.receive(text)),
            drop: Effect.sync(() => socket.drop())
          }
          yield* events.serve(connection, Stream.flattenTake(Stream.fromQueue(frames)))
        })
      return (url: string) => new FakeWebSocket(url, (socket) => run(serve(socket)))
    })
  )
}
