import { HttpServer } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import { acceptInvite, fetchInvite, StoatClient, StoatConfig } from "effect-stoat"
import { serveFake } from "effect-stoat/node"
import { StoatFake } from "effect-stoat/testing"
import { demoSeed } from "../fake/fakeHelpers.js"

describe("serveFake", () => {
  it.live("serves the fake on a loopback port that a real HTTP client reaches", () =>
    Effect.gen(function*() {
      const server = yield* HttpServer.HttpServer
      assert.strictEqual(server.address._tag, "TcpAddress")
      const port = server.address._tag === "TcpAddress" ? server.address.port : 0
      const client = StoatClient.layer.pipe(
        Layer.provide(StoatConfig.layer({ token: Redacted.make(demoSeed.token("carol")), tokenKind: "user", baseUrl: `http://127.0.0.1:${port}` })),
        Layer.provide(NodeHttpClient.layerUndici)
      )
      const invite = yield* fetchInvite("a/b").pipe(Effect.flip, Effect.provide(client))
      assert.strictEqual(invite._tag, "NotFound")
      const joined = yield* acceptInvite("aB3dE5fG").pipe(Effect.provide(client))
      assert.strictEqual(joined._tag, "JoinedServer")
      const fake = yield* StoatFake
      assert.isTrue(yield* fake.isMember(demoSeed.id("lovers"), demoSeed.id("carol")))
      const requests = yield* fake.requests
      assert.strictEqual(requests[0]?.request.path, "/invites/a%2Fb")
    }).pipe(Effect.provide(serveFake({ port: 0, seed: demoSeed }))))
})
