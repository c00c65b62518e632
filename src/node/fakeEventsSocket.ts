import { type HttpServerRequest, HttpServerResponse, type Socket } from "@effect/platform"
import { NodeHttpServerRequest } from "@effect/platform-node"
import { Effect, Queue, Stream, Take } from "effect"
import { FakeEvents } from "../testing/fake/events/FakeEvents.js"

/** Runs the fake's events server over a socket: its text frames in, the server's frames out. */
export const serveEventsOver = (socket: Socket.Socket, query: URLSearchParams, drop: Effect.Effect<void>) =>
  Effect.scoped(Effect.gen(function*() {
    const events = yield* FakeEvents
    const write = yield* socket.writer
    const frames = yield* Queue.unbounded<Take.Take<string>>()
    yield* socket.runRaw((data) => {
      // JSON frames only: a binary frame is ignored, as Bonfire does in the JSON format.
      if (typeof data === "string") Queue.unsafeOffer(frames, Take.of(data))
    }).pipe(Effect.ignore, Effect.ensuring(Queue.offer(frames, Take.end)), Effect.forkScoped)
    const incoming = Stream.flattenTake(Stream.fromQueue(frames))
    yield* events.serve({ query, send: (text) => Effect.ignore(write(text)), drop }, incoming)
  }))

/** Upgrades a request to the events socket and serves it until it closes. */
export const eventsSocketApp = (request: HttpServerRequest.HttpServerRequest) =>
  Effect.gen(function*() {
    const socket = yield* request.upgrade
    const tcp = NodeHttpServerRequest.toIncomingMessage(request).socket
    const query = new URLSearchParams(request.url.split("?", 2)[1] ?? "")
    // The server runs its apps uninterruptibly, and fibers inherit that: this one must be interruptible.
    yield* Effect.interruptible(serveEventsOver(socket, query, Effect.sync(() => tcp.destroy())))
    return HttpServerResponse.empty()
  })
