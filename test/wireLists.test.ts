import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck, Option, Schema } from "effect"
import {
  File,
  Member,
  MemberArray,
  MemberList,
  Presence,
  Relationship,
  UnknownEnumValue,
  UnknownMetadata,
  User,
  UserArray,
  WireFile
} from "effect-stoat"
import { reachableWith } from "./reachable.js"

const reachable = reachableWith(Relationship, Presence)

/** Values a wire key may hold instead of the right one, or `absent` to remove the key. */
const absent = Symbol("absent")
const replacements: ReadonlyArray<unknown> = [
  absent, null, undefined, 1.5, "x", "None", true, {}, [], { type: "Image" }, { type: "Nope" }, "2024-02-30T00:00:00.000Z"
]

const keep = Symbol("keep")

/** `value` with some of its values replaced or removed: each value in turn takes the next choice, cycling. */
const mutate = (value: unknown, choices: ReadonlyArray<unknown>): unknown => {
  let next = 0
  const go = (current: unknown): unknown => {
    const choice = choices[next++ % choices.length]
    if (choice !== keep) return choice
    if (Array.isArray(current)) return current.map(go).filter((item) => item !== absent)
    if (typeof current !== "object" || current === null) return current
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(current)) {
      const mutated = go(item)
      if (mutated !== absent) copy[key] = mutated
    }
    return copy
  }
  return go(value)
}

/** Wire inputs near valid ones: encoded valid values, most with a few values replaced or removed. */
const wireInputs = <A, I>(schema: Schema.Schema<A, I>, maxLength: number) =>
  FastCheck.tuple(
    FastCheck.array(Arbitrary.make(schema).filter(reachable), { maxLength }),
    FastCheck.constantFrom(3, 10, 40).chain((rate) =>
      FastCheck.array(
        FastCheck.oneof(
          { arbitrary: FastCheck.constant(keep), weight: rate },
          { arbitrary: FastCheck.constantFrom(...replacements), weight: 1 }
        ),
        { minLength: 1, maxLength: 97 }
      )
    ),
    FastCheck.boolean()
  ).map(([values, choices, mutated]) => {
    const wire = Schema.encodeSync(Schema.Array(schema))(values)
    return mutated ? mutate(wire, [keep, ...choices]) : wire
  })

/** Every variant of `value` with one value (at any depth, the whole included) replaced or removed. */
const oneChanged = (value: unknown): ReadonlyArray<unknown> => {
  const inside: Array<unknown> = []
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      for (const changed of oneChanged(item)) {
        inside.push(changed === absent ? value.filter((_, i) => i !== index) : value.map((old, i) => (i === index ? changed : old)))
      }
    })
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      for (const changed of oneChanged(item)) {
        const copy: Record<string, unknown> = { ...value }
        if (changed === absent) delete copy[key]
        else copy[key] = changed
        inside.push(copy)
      }
    }
  }
  return [...replacements, ...inside]
}

const richFile = {
  _id: "Xk3_9aQ2", tag: "avatars", filename: "a.png", content_type: "image/png", size: 3,
  metadata: { type: "Image", width: 1, height: 2, thumbhash: [1, 2], animated: false },
  deleted: false, reported: true, message_id: "m", user_id: "u", server_id: "s", object_id: "o"
}
const richUser = {
  _id: "01HZ8Y3Q4R5S6T7V8W9X0YZA1C", username: "ana", discriminator: "0001", display_name: "Ana", pronouns: "she/her",
  avatar: richFile, relations: [{ _id: "01HZ8Y3Q4R5S6T7V8W9X0YZA2C", status: "Friend" }], badges: 4,
  status: { text: "hi", presence: "Idle" }, flags: 2, privileged: true, bot: { owner: "01HZ8Y3Q4R5S6T7V8W9X0YZA3C" },
  relationship: "Blocked", online: true
}
const richMember = {
  _id: { server: "01HZ8Y3Q4R5S6T7V8W9X0YZABC", user: "01HZ8Y3Q4R5S6T7V8W9X0YZA1C" }, joined_at: "2024-05-01T12:00:00.000Z",
  nickname: "n", pronouns: "p", avatar: { ...richFile, metadata: { type: "Video", width: 1, height: 2 } },
  roles: ["r1", "r2"], timeout: "2024-05-02T12:00:00.000Z", can_publish: false, can_receive: false
}

/** Both decoders succeed with equal values of the same classes, or both fail. */
const agree = <A, I, J>(reference: Schema.Schema<A, I>, fast: Schema.Schema<A, J>, input: unknown) => {
  const expected = Schema.decodeUnknownEither(reference)(input)
  const actual = Schema.decodeUnknownEither(fast)(input)
  assert.strictEqual(actual._tag, expected._tag, JSON.stringify(input))
  if (Either.isRight(actual) && Either.isRight(expected)) {
    assert.isTrue(Schema.equivalence(reference)(actual.right, expected.right), JSON.stringify(input))
  }
}

/** Encoding gives the same wire JSON, and decoding it gives the value back. */
const encodesAlike = <A, I, J>(reference: Schema.Schema<A, I>, fast: Schema.Schema<A, J>, value: A) => {
  const wire = Schema.encodeSync(reference)(value)
  assert.deepStrictEqual<unknown>(Schema.encodeSync(fast)(value), wire)
  assert.isTrue(Schema.equivalence(reference)(Schema.decodeUnknownSync(fast)(wire), value))
}

describe("UserArray", () => {
  const reference = Schema.Array(User)

  it.prop("decodes every wire input as Schema.Array(User) does, success and failure alike", [wireInputs(User, 4)], ([input]) =>
    agree(reference, UserArray, input), { fastCheck: { numRuns: 400 } })

  it("decodes a user with every key, each value in turn replaced or removed, as Schema.Array(User) does", () => {
    for (const input of oneChanged([richUser])) agree(reference, UserArray, input)
  })

  it.prop("encodes as Schema.Array(User) does, and decodes it back", [FastCheck.array(Arbitrary.make(User).filter(reachable), { maxLength: 4 })], ([users]) =>
    encodesAlike(reference, UserArray, users))

  it("builds Users and their avatars, with the defaults of User", () => {
    const [user] = Schema.decodeUnknownSync(UserArray)([{
      _id: "01HZ8Y3Q4R5S6T7V8W9X0YZA1C",
      username: "ana",
      discriminator: "0001",
      display_name: null,
      avatar: { _id: "f", tag: "avatars", filename: "a.png", metadata: { type: "Image", width: 1, height: 2 }, content_type: "image/png", size: 3 },
      status: { presence: "Away" }
    }])
    assert.instanceOf(user, User)
    assert.instanceOf(Option.getOrThrow(user!.avatar), File)
    assert.deepStrictEqual(Option.flatMap(user!.status, (status) => status.presence), Option.some(new UnknownEnumValue({ value: "Away" })))
    assert.strictEqual(user!.relationship, "None")
    assert.isFalse(user!.online)
    assert.deepStrictEqual(user!.relations, [])
  })
})

describe("WireFile", () => {
  it.prop("decodes every wire input as File does, success and failure alike", [wireInputs(File, 3)], ([input]) =>
    agree(Schema.Array(File), Schema.Array(WireFile), input), { fastCheck: { numRuns: 2000 } })

  it("decodes a file with every key, each value in turn replaced or removed, as File does", () => {
    for (const metadata of [richFile.metadata, { type: "Video", width: 1, height: 2 }, { type: "Text" }, { type: "Model", vertices: 1 }]) {
      for (const input of oneChanged([{ ...richFile, metadata }])) agree(Schema.Array(File), Schema.Array(WireFile), input)
    }
  })

  it.prop("encodes as File does, and decodes it back", [Arbitrary.make(File).filter(reachable)], ([file]) =>
    encodesAlike(File, WireFile, file))

  it("keeps metadata of an unknown type whole, like File", () => {
    const wire = { _id: "f", tag: "attachments", filename: "a.glb", metadata: { type: "Model", vertices: 12 }, content_type: "model/gltf", size: 3 }
    const file = Schema.decodeUnknownSync(WireFile)(wire)
    assert.deepStrictEqual(file.metadata, new UnknownMetadata({ type: "Model", payload: { type: "Model", vertices: 12 } }))
    agree(File, WireFile, wire)
  })
})

describe("MemberArray", () => {
  it.prop("decodes every wire input as Schema.Array(Member) does, success and failure alike", [wireInputs(Member, 4)], ([input]) =>
    agree(Schema.Array(Member), MemberArray, input), { fastCheck: { numRuns: 400 } })

  it("decodes a member with every key, each value in turn replaced or removed, as Schema.Array(Member) does", () => {
    for (const input of oneChanged([richMember])) agree(Schema.Array(Member), MemberArray, input)
  })
})

describe("MemberList", () => {
  const reference = Schema.Struct({ members: Schema.Array(Member), users: Schema.Array(User) })
  const Fields = Schema.Struct(MemberList.fields)

  it.prop("decodes every body as the straightforward schemas do", [FastCheck.tuple(wireInputs(Member, 2), wireInputs(User, 2))], ([[members, users]]) =>
    agree(reference, Fields, { members, users }), { fastCheck: { numRuns: 200 } })
})
