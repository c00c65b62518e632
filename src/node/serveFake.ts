import { createServer } from "node:http"
import { HttpServer, type HttpServerError, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { NodeHttpServer, NodeHttpServerRequest } from "@effect/platform-node"
import { Effect, Layer, Option } from "effect"
import { eventsSocketApp } from "./fakeEventsSocket.js"
import { FakeEvents } from "../testing/fake/events/FakeEvents.js"
import { StoatFake } from "../testing/fake/StoatFake.js"
import type { StoatFakeSeed } from "../testing/fake/StoatFakeSeed.js"

/** Where and what the fake serves. */
export interface ServeFakeOptions {
  readonly port: number
  /** The address to listen on: loopback unless you say otherwise. */
  readonly host?: string
  readonly seed: StoatFakeSeed
  /** Told of each request once it is answered (`status` is `"reset"` for a dropped connection): a request log. */
  readonly onAnswer?: (answer: ServedAnswer) => Effect.Effect<void>
}

/** A request the server answered, as `onAnswer` sees it. */
export interface ServedAnswer {
  readonly method: string
  readonly path: string
  readonly status: number | "reset"
  readonly headers: Readonly<Record<string, string>>
}

/** Answers every HTTP request with the fake's handler, reading the path as it came (percent-encoding kept). */
const fakeApp = (onAnswer: NonNullable<ServeFakeOptions["onAnswer"]>) => Effect.gen(function*() {
  const fake = yield* StoatFake
  const request = yield* HttpServerRequest.HttpServerRequest
  if (request.headers["upgrade"]?.toLowerCase() === "websocket") return yield* eventsSocketApp(request)
  const body = yield* Effect.orElseSucceed(request.text, () => "")
  const [path = "/", query = ""] = request.url.split("?", 2)
  const answer = yield* fake.handle({
    method: request.method,
    path,
    query: new URLSearchParams(query),
    headers: request.headers,
    body: body === "" ? undefined : body,
    ip: Option.getOrElse(request.remoteAddress, () => "127.0.0.1")
  }).pipe(Effect.option)
  yield* onAnswer({
    method: request.method,
    path,
    status: Option.match(answer, { onNone: () => "reset" as const, onSome: (answer) => answer.status }),
    headers: Option.match(answer, { onNone: () => ({}), onSome: (answer) => answer.headers })
  })
  if (Option.isNone(answer)) {
    // A reset fault: drop the connection without an answer.
    NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()
    return HttpServerResponse.empty({ status: 499 })
  }
  const { status, headers, body: text, bytes } = answer.value
  if (bytes !== undefined) {
    return HttpServerResponse.uint8Array(bytes, { status, headers, contentType: headers["content-type"] ?? "application/octet-stream" })
  }
  if (text === "" || status === 204) return HttpServerResponse.empty({ status, headers })
  return HttpServerResponse.text(text, { status, headers, contentType: headers["content-type"] ?? "text/plain" })
})

/**
 * The fake as a real HTTP server on `host:port` (loopback by default), so that every client in every language can
 * be pointed at it; a WebSocket upgrade (the `ws` URL of `GET /`) is its events socket. The layer also gives the
 * fake itself and its events server, for assertions and faults, and the server's address.
 */
export const serveFake = (
  options: ServeFakeOptions
): Layer.Layer<StoatFake | FakeEvents | HttpServer.HttpServer, HttpServerError.ServeError> =>
  HttpServer.serve(fakeApp(options.onAnswer ?? (() => Effect.void))).pipe(
    Layer.provideMerge(FakeEvents.layer),
    Layer.provideMerge(Layer.effect(StoatFake, StoatFake.make(options.seed))),
    Layer.provideMerge(NodeHttpServer.layer(createServer, { port: options.port, host: options.host ?? "127.0.0.1" }))
  )
