import { type Context, Effect, Layer, type Scope } from "effect"
import type { Gateway, GatewayOptions, StoatCache, StoatClient } from "effect-stoat"
import type { FakeWebSocket, StoatFakeSeed } from "effect-stoat/testing"
import type { HttpClient, Socket } from "@effect/platform"
import { inProcessGateway } from "./inProcess.js"

/** What one signed-in session holds: its client, cache and gateway. */
export type Session = Context.Context<Gateway | StoatClient | StoatCache>

/** Signs `handle` in to the in-process fake with its own client, cache and gateway, for the test's scope. */
export const signIn = (
  seed: StoatFakeSeed,
  handle: string,
  options: GatewayOptions = {}
): Effect.Effect<Session, unknown, Scope.Scope | HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.build(inProcessGateway(seed, handle, options))

/** Runs `effect` as the signed-in session. */
export const as = (session: Session) => <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, session)

export type { FakeWebSocket }
