import { assert, describe, it } from "@effect/vitest"
import { DateTime, Effect, Option } from "effect"
import { Member, MemberId, User } from "effect-stoat"
import { decodes } from "./decodes.js"
import { at, modes, ref, sampleOf } from "./openapi.js"

const millis = (value: unknown) => (typeof value === "string" ? Date.parse(value) : undefined)

describe("contract: Member → Member", () => {
  for (const mode of modes) {
    it.effect(`${mode} sample`, () =>
      Effect.gen(function*() {
        const wire = sampleOf(ref("Member"), mode)
        const member = yield* decodes(Member, wire)
        assert.instanceOf(member, Member)
        assert.instanceOf(member.id, MemberId)
        assert.strictEqual(member.id.server, at(wire, "_id", "server"))
        assert.strictEqual(member.id.user, at(wire, "_id", "user"))
        assert.strictEqual(DateTime.toEpochMillis(member.joinedAt), millis(at(wire, "joined_at")))
        assert.strictEqual(Option.getOrUndefined(member.nickname), at(wire, "nickname"))
        assert.strictEqual(Option.getOrUndefined(member.avatar)?.id, at(wire, "avatar", "_id"))
        assert.deepStrictEqual(member.roles, at(wire, "roles") ?? [])
        const timeout = member.timeout.pipe(Option.map(DateTime.toEpochMillis), Option.getOrUndefined)
        assert.strictEqual(timeout, millis(at(wire, "timeout")))
        assert.strictEqual(member.canPublish, at(wire, "can_publish") ?? true)
        assert.strictEqual(member.canReceive, at(wire, "can_receive") ?? true)
      }))
  }
})

describe("contract: User → User", () => {
  for (const mode of modes) {
    it.effect(`${mode} sample`, () =>
      Effect.gen(function*() {
        const wire = sampleOf(ref("User"), mode)
        const user = yield* decodes(User, wire)
        assert.instanceOf(user, User)
        assert.strictEqual(user.id, at(wire, "_id"))
        assert.strictEqual(user.username, at(wire, "username"))
        assert.strictEqual(user.discriminator, at(wire, "discriminator"))
        assert.strictEqual(Option.getOrUndefined(user.displayName), at(wire, "display_name"))
        assert.strictEqual(Option.getOrUndefined(user.avatar)?.id, at(wire, "avatar", "_id"))
        assert.deepStrictEqual(
          user.relations.map((relation) => [relation.id, relation.status]),
          mode === "full" ? [[at(wire, "relations", 0, "_id"), at(wire, "relations", 0, "status")]] : []
        )
        assert.strictEqual(user.badges, at(wire, "badges") ?? 0)
        const status = Option.getOrUndefined(user.status)
        assert.strictEqual(status && Option.getOrUndefined(status.text), at(wire, "status", "text"))
        assert.strictEqual(status && Option.getOrUndefined(status.presence), at(wire, "status", "presence"))
        assert.strictEqual(user.flags, at(wire, "flags") ?? 0)
        assert.strictEqual(user.privileged, at(wire, "privileged") ?? false)
        assert.strictEqual(Option.getOrUndefined(user.bot)?.owner, at(wire, "bot", "owner"))
        assert.strictEqual(user.relationship, at(wire, "relationship"))
        assert.strictEqual(user.online, at(wire, "online"))
      }))
  }
})
