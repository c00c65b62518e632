// Run by `npm run check:consumer` in plain Node ESM: the installed package against its fake on a loopback port.
import { HttpServer } from "@effect/platform"
import { Effect, Redacted } from "effect"
import { fetchMembers, kickMember } from "effect-stoat"
import { serveFake, stoatNodeLayer } from "effect-stoat/node"
import { demoSeed } from "effect-stoat/testing"

const program = Effect.gen(function*() {
  const { address } = yield* HttpServer.HttpServer
  const as = (handle, tokenKind) =>
    Effect.provide(stoatNodeLayer({ token: Redacted.make(demoSeed.token(handle)), tokenKind, baseUrl: `http://127.0.0.1:${address.port}` }))
  const lovers = demoSeed.id("lovers")
  const members = yield* fetchMembers(lovers).pipe(as("modbot", "bot"))
  console.log(`${members.members.length} members of Stoat Lovers`)
  const refused = yield* Effect.flip(kickMember({ server: lovers, user: demoSeed.id("alice") }).pipe(as("bob", "user")))
  console.log(String(refused))
  if (members.members.length === 0 || !refused.message.includes(`DELETE /servers/${lovers}/members/`)) {
    throw new Error("the fake did not answer as expected")
  }
}).pipe(Effect.provide(serveFake({ port: 0, seed: demoSeed })))

await Effect.runPromise(program)
