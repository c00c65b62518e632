import type { HttpClient, Socket } from "@effect/platform"
import { Layer } from "effect"
import { StoatFake } from "../StoatFake.js"
import type { StoatFakeSeed } from "../StoatFakeSeed.js"
import { FakeEvents } from "./FakeEvents.js"
import { FakeWebSocket } from "./FakeWebSocket.js"

/**
 * The fake in process with its events socket: `StoatFake.layer(seed)` (and its `HttpClient`), its
 * events server, and a `Socket.WebSocketConstructor` that reaches it, for a `Gateway` with no port.
 */
export const stoatFakeWithEvents = (
  seed: StoatFakeSeed
): Layer.Layer<StoatFake | FakeEvents | HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  FakeWebSocket.layer.pipe(Layer.provideMerge(FakeEvents.layer), Layer.provideMerge(StoatFake.layer(seed)))
