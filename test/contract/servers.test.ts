import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { Role, RoleId, Server } from "effect-stoat"
import { decodes } from "./decodes.js"
import { at, modes, ref, sampleOf } from "./openapi.js"

describe("contract: Server → Server", () => {
  for (const mode of modes) {
    it.effect(`${mode} sample`, () =>
      Effect.gen(function*() {
        const wire = sampleOf(ref("Server"), mode)
        const server = yield* decodes(Server, wire)
        assert.instanceOf(server, Server)
        assert.strictEqual(server.id, at(wire, "_id"))
        assert.strictEqual(server.owner, at(wire, "owner"))
        assert.strictEqual(server.name, at(wire, "name"))
        assert.strictEqual(Option.getOrUndefined(server.description), at(wire, "description"))
        assert.deepStrictEqual(server.channels, at(wire, "channels"))
        assert.deepStrictEqual(
          Option.getOrUndefined(server.categories)?.map((category) => [category.id, category.title, category.channels]),
          mode === "full"
            ? [[at(wire, "categories", 0, "id"), at(wire, "categories", 0, "title"), at(wire, "categories", 0, "channels")]]
            : undefined
        )
        const system = Option.getOrUndefined(server.systemMessages)
        assert.strictEqual(system && Option.getOrUndefined(system.userJoined), at(wire, "system_messages", "user_joined"))
        assert.strictEqual(system && Option.getOrUndefined(system.userLeft), at(wire, "system_messages", "user_left"))
        assert.strictEqual(system && Option.getOrUndefined(system.userKicked), at(wire, "system_messages", "user_kicked"))
        assert.strictEqual(system && Option.getOrUndefined(system.userBanned), at(wire, "system_messages", "user_banned"))
        assert.deepStrictEqual(Object.keys(server.roles), Object.keys(at(wire, "roles") ?? {}))
        assert.strictEqual(server.defaultPermissions, at(wire, "default_permissions"))
        assert.strictEqual(Option.getOrUndefined(server.icon)?.id, at(wire, "icon", "_id"))
        assert.strictEqual(Option.getOrUndefined(server.banner)?.id, at(wire, "banner", "_id"))
        assert.strictEqual(server.flags, at(wire, "flags") ?? 0)
        assert.strictEqual(server.nsfw, at(wire, "nsfw") ?? false)
        assert.strictEqual(server.analytics, at(wire, "analytics") ?? false)
        assert.strictEqual(server.discoverable, at(wire, "discoverable") ?? false)
      }))
  }
})

describe("contract: Role → Role (through Server.roles)", () => {
  const roleKey = RoleId.make("01HZ8Y3Q4R5S6T7V8W9X0YROLE")

  it.effect("full sample, keyed by its id", () =>
    Effect.gen(function*() {
      const role = sampleOf(ref("Role"), "full")
      const server = yield* decodes(Server, { ...sampleOf(ref("Server"), "required"), roles: { [roleKey]: role } })
      const decoded = server.roles[roleKey]
      assert.instanceOf(decoded, Role)
      assert.strictEqual(decoded?.id, roleKey)
      assert.strictEqual(decoded?.name, at(role, "name"))
      assert.strictEqual(decoded?.permissions.allow, at(role, "permissions", "a"))
      assert.strictEqual(decoded?.permissions.deny, at(role, "permissions", "d"))
      assert.strictEqual(decoded && Option.getOrUndefined(decoded.colour), at(role, "colour"))
      assert.strictEqual(decoded?.hoist, at(role, "hoist"))
      assert.strictEqual(decoded?.rank, at(role, "rank"))
      assert.isTrue(decoded?.icon.pipe(Option.isNone))
    }))

  it.effect("the full Server sample's roles (property1, property2) decode with their keys as ids", () =>
    Effect.gen(function*() {
      const wire = sampleOf(ref("Server"), "full")
      const server = yield* decodes(Server, wire)
      assert.deepStrictEqual(Object.keys(server.roles), ["property1", "property2"])
      for (const [key, role] of Object.entries(server.roles)) {
        assert.instanceOf(role, Role)
        assert.strictEqual(role.id, key)
        assert.strictEqual(role.name, at(wire, "roles", key, "name"))
        assert.strictEqual(role.rank, at(wire, "roles", key, "rank"))
      }
    }))

  // The required-only Role sample lacks `rank`: see the `Role.rank` entry of differences.test.ts.
})
