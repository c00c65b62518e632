import { assert } from "@effect/vitest"
import { type Console, Effect, Layer, Redacted } from "effect"
import { StoatClient, StoatConfig } from "effect-stoat"
import { type MockHandler, MockHttp } from "effect-stoat/testing"
import { createServer } from "node:net"

/** The token every test client sends; no error or log may ever show it. */
export const secretToken = "s3cr3t-T0KEN-never-printed"

export const baseUrl = "https://api.example.test"

/** A loopback port nothing listens on. */
export const closedPort = Effect.async<number>((resume) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** A StoatClient over a mock HttpClient answering with `handler`. */
export const mockClient = (handler: MockHandler, tokenKind: "bot" | "user" = "user") =>
  StoatClient.layer.pipe(
    Layer.provideMerge(MockHttp.layer(handler)),
    Layer.provide(StoatConfig.layer({ token: Redacted.make(secretToken), tokenKind, baseUrl }))
  )

/** Runs an effect against a mock client answering with `handler`. */
export const withMock = (handler: MockHandler, tokenKind: "bot" | "user" = "user") =>
<A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, mockClient(handler, tokenKind))

/** The one request sent so far. */
export const onlyRequest = Effect.map(MockHttp.requests, (requests) => {
  assert.lengthOf(requests, 1)
  const [request] = requests
  if (request === undefined) throw new Error("no request")
  return request
})

/** Asserts the effect fails with `tag` (its message mentioning `mentions`) and that nothing was sent. */
export const refusedBeforeSending = <A, E extends { readonly _tag: string }, R>(
  effect: Effect.Effect<A, E, R>,
  mentions = "",
  tag = "FailedValidation",
  tokenKind: "bot" | "user" = "user"
) =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(effect)
    assert.strictEqual(error._tag, tag)
    if ("error" in error && typeof error.error === "string") assert.include(error.error, mentions)
    assert.lengthOf(yield* MockHttp.requests, 0)
  }).pipe(withMock(() => MockHttp.json(500, {}), tokenKind))

/** Runs `effect` with Effect's `Console` writing into strings: its value, and the lines it logged and errored. */
export const withCapturedConsole = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const stdout: Array<string> = []
    const stderr: Array<string> = []
    const capture = (into: Array<string>) => (...args: ReadonlyArray<unknown>) =>
      Effect.sync(() => {
        into.push(args.map(String).join(" "))
      })
    const console: Console.Console = { ...(yield* Effect.console), log: capture(stdout), error: capture(stderr) }
    const value = yield* Effect.withConsole(effect, console)
    return { value, stdout, stderr }
  })

/** The lines `effect` logged through Effect's `Console`. */
export const printedBy = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<ReadonlyArray<string>, E, R> =>
  Effect.map(withCapturedConsole(effect), ({ stdout }) => stdout)
