import { HttpServer } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { serveFake } from "effect-stoat/node"
import { demoSeed, StoatFake } from "effect-stoat/testing"
import { Client, PublicChannelInvite, ServerPublicInvite } from "stoat.js"

/** stoat.js (the official JS client, which we did not write) signed in as `handle` against the fake at `baseURL`. */
const stoatJs = (baseURL: string, handle: string) => {
  const client = new Client({ baseURL, autoReconnect: false })
  // Node 20 has no global WebSocket for its bot login; a user session needs none.
  client.useExistingSession({ _id: `session-${handle}`, token: demoSeed.token(handle), user_id: demoSeed.id(handle) })
  return client
}

describe("stoat.js against the fake on a loopback port", () => {
  it.live("fetches a server, an invite, the members and a member, and kicks one", () =>
    Effect.gen(function*() {
      const server = yield* HttpServer.HttpServer
      const port = server.address._tag === "TcpAddress" ? server.address.port : 0
      const owner = stoatJs(`http://127.0.0.1:${port}`, "owner")

      const lovers = yield* Effect.promise(() => owner.servers.fetch(demoSeed.id("lovers")))
      assert.strictEqual(lovers.name, "Stoat Lovers")
      assert.strictEqual(lovers.owner?.id ?? lovers.ownerId, demoSeed.id("owner"))

      const invite = PublicChannelInvite.from(owner, yield* Effect.promise(() => owner.api.get(`/invites/${"aB3dE5fG"}`)))
      assert.instanceOf(invite, ServerPublicInvite)
      if (invite instanceof ServerPublicInvite) {
        assert.strictEqual(invite.serverName, "Stoat Lovers")
        assert.strictEqual(invite.memberCount, 4)
      }

      const { members, users } = yield* Effect.promise(() => lovers.fetchMembers())
      assert.sameMembers(users.map((user) => user.username), ["owner", "alice", "bob", "modbot"])
      assert.lengthOf(members, 4)

      const alice = yield* Effect.promise(() => lovers.fetchMember(demoSeed.id("alice")))
      assert.strictEqual(alice.nickname, "Al")
      assert.deepStrictEqual(alice.roles, [demoSeed.id("mod")])

      yield* Effect.promise(() => lovers.kickUser(demoSeed.id("bob")))
      const fake = yield* StoatFake
      assert.isFalse(yield* fake.isMember(demoSeed.id("lovers"), demoSeed.id("bob")))
      assert.isTrue(yield* fake.isMember(demoSeed.id("lovers"), demoSeed.id("alice")))
    }).pipe(Effect.provide(serveFake({ port: 0, seed: demoSeed }))))
})
