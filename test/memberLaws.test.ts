import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Data, DateTime, FastCheck, Schema } from "effect"
import {
  applyPartial,
  ClearedMemberField,
  Member,
  MemberArray,
  MemberChanges,
  MemberList,
  PartialMember,
  Presence,
  Relationship,
  Server,
  Timestamp,
  User
} from "effect-stoat"
import { reachableWith } from "./reachable.js"

const reachable = reachableWith(Relationship, Presence, ClearedMemberField)

/** The values of a schema that decoding can produce. */
const arbitrary = <A, I>(schema: Schema.Schema<A, I>) => Arbitrary.make(schema).filter(reachable)

/** `decode(encode(x))` is `x`, by the schema's own equivalence (arrays compared by content). */
const roundTrips = <A, I>(schema: Schema.Schema<A, I>, value: A) => {
  const again = Schema.decodeUnknownSync(schema)(Schema.encodeSync(schema)(value))
  assert.isTrue(Schema.equivalence(schema)(again, value))
}

describe("decode(encode(x)) is x", () => {
  it.prop("for members", [arbitrary(Member)], ([member]) => roundTrips(Member, member))
  it.prop("for users", [arbitrary(User)], ([user]) => roundTrips(User, user))
  it.prop("for servers", [arbitrary(Server)], ([server]) => roundTrips(Server, server))
  it.prop("for member lists", [arbitrary(MemberList)], ([list]) => roundTrips(MemberList, list), { fastCheck: { numRuns: 30 } })
  it.prop("for partial members", [arbitrary(PartialMember)], ([partial]) => roundTrips(PartialMember, partial))
})

describe("MemberArray", () => {
  const viaClass = Schema.Array(Member)

  it.prop("decodes every list as Schema.Array(Member) does, and encodes it back the same", [FastCheck.array(arbitrary(Member), { maxLength: 5 })], ([members]) => {
    const wire = Schema.encodeSync(viaClass)(members)
    assert.deepStrictEqual<unknown>(Schema.encodeSync(MemberArray)(members), wire)
    const fast = Schema.decodeUnknownSync(MemberArray)(wire)
    assert.isTrue(Schema.equivalence(viaClass)(fast, Schema.decodeUnknownSync(viaClass)(wire)))
    assert.isTrue(fast.every((member) => member instanceof Member))
  })

  it("reads null as absent, like Member", () => {
    const wire = [{
      _id: { server: "01HZ8Y3Q4R5S6T7V8W9X0YZABC", user: "01HZ8Y3Q4R5S6T7V8W9X0YZA1C" },
      joined_at: "2024-05-01T12:00:00.000Z",
      nickname: null,
      pronouns: null,
      avatar: null,
      roles: null,
      timeout: null,
      can_publish: null,
      can_receive: null
    }]
    assert.isTrue(Schema.equivalence(viaClass)(Schema.decodeUnknownSync(MemberArray)(wire), Schema.decodeUnknownSync(viaClass)(wire)))
  })

  it("rejects what Member rejects, saying where", () => {
    const wire = [{ _id: { server: "s", user: "u" }, joined_at: "yesterday" }]
    const error = Schema.decodeUnknownEither(MemberArray)(wire)
    assert.isTrue(error._tag === "Left" && error.left.message.includes("yesterday"))
    assert.strictEqual(Schema.decodeUnknownEither(viaClass)(wire)._tag, "Left")
  })
})

describe("Timestamp", () => {
  const reference = Schema.Union(Schema.DateTimeUtc, Schema.DateTimeUtcFromNumber)
  const agrees = (input: unknown) => {
    const ours = Schema.decodeUnknownEither(Timestamp)(input)
    const theirs = Schema.decodeUnknownEither(reference)(input)
    assert.strictEqual(ours._tag, theirs._tag, JSON.stringify(input))
    if (ours._tag === "Right" && theirs._tag === "Right") {
      assert.strictEqual(DateTime.toEpochMillis(ours.right), DateTime.toEpochMillis(theirs.right), JSON.stringify(input))
    }
  }
  const pad = (value: number, width: number) => String(value).padStart(width, "0")

  it.prop("reads every instant the backend writes as Schema.DateTimeUtc does, and writes it back the same", [FastCheck.date({ noInvalidDate: true })], ([date]) => {
    agrees(date.toISOString())
    const instant = Schema.decodeUnknownSync(Timestamp)(date.toISOString())
    assert.strictEqual(Schema.encodeSync(Timestamp)(instant), Schema.encodeSync(Schema.DateTimeUtc)(instant))
  })

  it.prop(
    "agrees with Schema.DateTimeUtc on strings of the backend's shape with any digits",
    [FastCheck.tuple(
      FastCheck.integer({ min: 0, max: 9999 }),
      FastCheck.integer({ min: 0, max: 99 }),
      FastCheck.integer({ min: 0, max: 99 }),
      FastCheck.integer({ min: 0, max: 99 }),
      FastCheck.integer({ min: 0, max: 99 }),
      FastCheck.integer({ min: 0, max: 99 }),
      FastCheck.integer({ min: 0, max: 999 })
    )],
    ([[year, month, day, hour, minute, second, millis]]) =>
      agrees(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(millis, 3)}Z`)
  )

  it.prop("agrees with the reference on any string and any number", [FastCheck.oneof(FastCheck.string(), FastCheck.double())], ([input]) => agrees(input))

  it("reads other ISO forms and Unix milliseconds like the reference", () => {
    for (const input of ["2024-02-29T23:59:59.999Z", "2023-02-29T00:00:00.000Z", "0099-12-31T23:59:59.999Z", "2024-05-01T12:00:00Z", "2024-05-01T12:00:00.000+02:00", "2024-05-01", "+010000-01-01T00:00:00.000Z", "2024-05-01T24:00:00.000Z", "2024-05-01T12:00:00.00aZ", 1_714_564_800_000, 0, -1]) {
      agrees(input)
    }
  })
})

describe("applyPartial", () => {
  const wireKey: Partial<Record<string, string>> = {
    Nickname: "nickname",
    Pronouns: "pronouns",
    Avatar: "avatar",
    Roles: "roles",
    Timeout: "timeout",
    CanPublish: "can_publish",
    CanReceive: "can_receive"
  }

  /**
   * The backend's patch on the stored document: each cleared field's key removed (`JoinedAt` and
   * `VoiceChannel` name no key of it), then each set field's key written; read back as a member.
   */
  const model = (member: Member, partial: PartialMember): Member => {
    const stored: Record<string, unknown> = { ...Schema.encodeSync(Member)(member) }
    for (const field of partial.clear) {
      const key = typeof field === "string" ? wireKey[field] : undefined
      if (key !== undefined) delete stored[key]
    }
    return Schema.decodeUnknownSync(Member)({ ...stored, ...Schema.encodeSync(MemberChanges)(partial.data) })
  }

  const clears = FastCheck.array(FastCheck.constantFrom(...ClearedMemberField.members[0].literals), { maxLength: 4 })
  const partials = FastCheck.tuple(arbitrary(PartialMember), clears).map(([partial, clear]) =>
    new PartialMember({ ...partial, clear: Data.array([...partial.clear, ...clear]) })
  )

  it.prop("agrees with the wire's patch semantics on every field", [arbitrary(Member), partials], ([member, partial]) => {
    const updated = applyPartial(member, partial)
    assert.isTrue(Schema.equivalence(Member)(updated, model(member, partial)))
    assert.strictEqual(updated.id, member.id)
  })

  it.prop("changes nothing with an empty patch", [arbitrary(Member)], ([member]) => {
    const nothing = Schema.decodeUnknownSync(PartialMember)({ id: Schema.encodeSync(Member)(member)._id, data: {} })
    assert.isTrue(Schema.equivalence(Member)(applyPartial(member, nothing), member))
  })
})
