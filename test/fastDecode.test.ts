import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { Arbitrary, DateTime, Effect, Either, Equal, FastCheck, Option, ParseResult, Schema } from "effect"
import {
  FastMember,
  FastMemberWithRoles,
  File,
  Member,
  MemberArray,
  MemberList,
  MemberWithRoles,
  Presence,
  Relationship,
  UnknownEnumValue,
  UnknownMetadata,
  User,
  UserArray,
  withFastDecode
} from "effect-stoat"
import { fileClasses } from "../src/schema/fastClasses.js"
import { some, utcOfMillis } from "../src/schema/fastValues.js"
import { dataArray } from "../src/schema/Wire.js"
import { reachableWith } from "./reachable.js"

const FastFile = withFastDecode(File, fileClasses)
const FastFiles = withFastDecode(Schema.Array(File), fileClasses)

/** The property tests check every value deeply on a slow shared machine: their own generous limit. */
const timeout = 120_000

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

/** Whether two decoded values are built alike: same prototypes, same own keys in the same order, same primitives, all the way down. */
const builtAlike = (actual: unknown, expected: unknown, path: string): void => {
  if (typeof expected !== "object" || expected === null || typeof actual !== "object" || actual === null) {
    assert.isTrue(Object.is(actual, expected), `${path}: ${String(actual)} is not ${String(expected)}`)
    return
  }
  assert.strictEqual(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), `${path}: prototype`)
  const keys = Reflect.ownKeys(expected)
  assert.deepStrictEqual(Reflect.ownKeys(actual), keys, `${path}: own keys`)
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(expected, key)
    assert.deepStrictEqual(
      { ...Object.getOwnPropertyDescriptor(actual, key), value: undefined },
      { ...descriptor, value: undefined },
      `${path}.${String(key)}: descriptor`
    )
    builtAlike(Reflect.get(actual, key), Reflect.get(expected, key), `${path}.${String(key)}`)
  }
}

/**
 * Both decoders succeed with values built alike and equal by the reference's equivalence, or both
 * fail with the same error.
 */
const agree = <A, I, J>(reference: Schema.Schema<A, I>, fast: Schema.Schema<A, J>, input: unknown) => {
  const expected = Schema.decodeUnknownEither(reference)(input)
  const actual = Schema.decodeUnknownEither(fast)(input)
  assert.strictEqual(actual._tag, expected._tag, JSON.stringify(input))
  if (Either.isRight(actual) && Either.isRight(expected)) {
    builtAlike(actual.right, expected.right, JSON.stringify(input))
    const equivalent = Schema.equivalence(reference)
    // A value holding NaN is not equivalent to another decode of the same input (the same object
    // always is); `builtAlike` compared such values with Object.is.
    const again = Schema.decodeUnknownEither(reference)(input)
    if (Either.isRight(again) && equivalent(again.right, expected.right)) {
      assert.isTrue(equivalent(actual.right, expected.right), JSON.stringify(input))
    }
  }
  if (Either.isLeft(actual) && Either.isLeft(expected)) {
    assert.strictEqual(
      ParseResult.TreeFormatter.formatIssueSync(actual.left.issue),
      ParseResult.TreeFormatter.formatIssueSync(expected.left.issue)
    )
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
    agree(reference, UserArray, input), { timeout, fastCheck: { numRuns: 400 } })

  it("decodes a user with every key, each value in turn replaced or removed, as Schema.Array(User) does", () => {
    for (const input of oneChanged([richUser])) agree(reference, UserArray, input)
  }, timeout)

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

describe("File by the fast path", () => {
  it.prop("decodes every wire input as File does, success and failure alike", [wireInputs(File, 3)], ([input]) =>
    agree(Schema.Array(File), FastFiles, input), { timeout, fastCheck: { numRuns: 600 } })

  it("decodes a file with every key, each value in turn replaced or removed, as File does", () => {
    for (const metadata of [richFile.metadata, { type: "Video", width: 1, height: 2 }, { type: "Text" }, { type: "Model", vertices: 1 }]) {
      for (const input of oneChanged({ ...richFile, metadata })) agree(File, FastFile, input)
    }
  }, timeout)

  it.prop("encodes as File does, and decodes it back", [Arbitrary.make(File).filter(reachable)], ([file]) =>
    encodesAlike(File, FastFile, file))

  it("keeps metadata of an unknown type whole, like File", () => {
    const wire = { _id: "f", tag: "attachments", filename: "a.glb", metadata: { type: "Model", vertices: 12 }, content_type: "model/gltf", size: 3 }
    const file = Schema.decodeUnknownSync(FastFile)(wire)
    assert.deepStrictEqual(file.metadata, new UnknownMetadata({ type: "Model", payload: { type: "Model", vertices: 12 } }))
    agree(File, FastFile, wire)
  })
})

describe("MemberArray", () => {
  it.prop("decodes every wire input as Schema.Array(Member) does, success and failure alike", [wireInputs(Member, 4)], ([input]) =>
    agree(Schema.Array(Member), MemberArray, input), { timeout, fastCheck: { numRuns: 400 } })

  it("decodes a member with every key, each value in turn replaced or removed, as Schema.Array(Member) does", () => {
    for (const input of oneChanged([richMember])) agree(Schema.Array(Member), MemberArray, input)
  }, timeout)
})

describe("FastMember and FastMemberWithRoles (fetchMember)", () => {
  it.prop("decode every wire input as Member does, success and failure alike", [wireInputs(Member, 1)], ([input]) => {
    agree(Member, FastMember, Array.isArray(input) ? input[0] : input)
  }, { timeout, fastCheck: { numRuns: 400 } })

  it.prop("decode every member with roles as MemberWithRoles does", [wireInputs(MemberWithRoles, 1)], ([input]) => {
    agree(MemberWithRoles, FastMemberWithRoles, Array.isArray(input) ? input[0] : input)
  }, { timeout, fastCheck: { numRuns: 200 } })

  it("decode a member with every key, each value in turn replaced or removed, as Member does", () => {
    for (const input of oneChanged(richMember)) agree(Member, FastMember, input)
  }, timeout)

  it.prop("encode as Member does", [Arbitrary.make(Member).filter(reachable)], ([member]) => encodesAlike(Member, FastMember, member))
})

describe("the values the fast path builds", () => {
  it("builds Option.some and DateTime.Utc as Effect does", () => {
    builtAlike(some("x"), Option.some("x"), "some")
    builtAlike(utcOfMillis(1_714_564_800_000), DateTime.unsafeMake(1_714_564_800_000), "utc")
    assert.isTrue(Equal.equals(utcOfMillis(1_714_564_800_000), DateTime.unsafeMake("2024-05-01T12:00:00.000Z")))
  })

  it.prop("decodes role ids (a Data array) as Schema.Data does", [FastCheck.array(FastCheck.oneof(FastCheck.string(), FastCheck.integer()))], ([ids]) => {
    const reference = Schema.Data(Schema.Array(Schema.String))
    agree(reference, withFastDecode(dataArray(Schema.String)), ids)
    agree(Schema.Array(reference), withFastDecode(Schema.Array(dataArray(Schema.String))), [ids, ids])
  })
})

describe("where code generation from strings is disallowed", () => {
  // Runs the built package (dist/, from `npx tsc -p tsconfig.build.json`) in a node that refuses `new Function`.
  const dist = new URL("../dist/index.js", import.meta.url).href
  const script = `
    const { Schema } = await import("effect")
    const { Member, MemberList, User } = await import(${JSON.stringify(dist)})
    const body = JSON.parse(process.argv[1])
    const list = Schema.decodeUnknownSync(MemberList)(body)
    const reference = Schema.decodeUnknownSync(Schema.Struct({ members: Schema.Array(Member), users: Schema.Array(User) }))(body)
    console.log(Schema.equivalence(Schema.Array(Member))(list.members, reference.members) && Schema.equivalence(Schema.Array(User))(list.users, reference.users))`

  it.effect("decodes a members list as the Schema decoder does (by the Schema decoder)", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({ members: [richMember, { ...richMember, roles: [] }], users: [richUser] })
      const { stdout } = yield* Effect.promise(() =>
        promisify(execFile)(process.execPath, ["--disallow-code-generation-from-strings", "--input-type=module", "-e", script, body]))
      assert.strictEqual(stdout.trim(), "true")
    }), timeout)
})

describe("MemberList", () => {
  const reference = Schema.Struct({ members: Schema.Array(Member), users: Schema.Array(User) })
  const Fields = Schema.Struct(MemberList.fields)

  it.prop("decodes every body as the straightforward schemas do", [FastCheck.tuple(wireInputs(Member, 2), wireInputs(User, 2))], ([[members, users]]) =>
    agree(reference, Fields, { members, users }), { timeout, fastCheck: { numRuns: 200 } })
})

describe("withFastDecode on other shapes", () => {
  class Point extends Schema.Class<Point>("Point")({
    x: Schema.Number.pipe(Schema.int()),
    y: Schema.propertySignature(Schema.UndefinedOr(Schema.Number)).pipe(Schema.withConstructorDefault(() => 0)),
    label: Schema.optionalWith(Schema.String, { default: () => "none" }).pipe(Schema.fromKey("name"))
  }) {}
  const Shape = Schema.Union(
    Schema.Struct({ a: Schema.String }),
    Schema.Struct({ type: Schema.Literal("circle"), a: Schema.String, r: Schema.Number }),
    Schema.Struct({ type: Schema.Literal("dot"), at: Point }),
    Schema.Literal(1, 2, Number.NaN),
    Schema.Trim
  )
  const Shapes = Schema.Array(Shape)
  const Holder = Schema.Struct({ point: Schema.optional(Point), tags: Schema.Record({ key: Schema.String, value: Schema.Number }) })
  const Pair = Schema.Tuple(Schema.String, Schema.Number)
  const symbolKey = Symbol.for("effect-stoat/test/key")
  // Keys the generated source must quote (`JSON.stringify`) or reach otherwise: quotes, escapes, Object.prototype's names, symbols.
  const OddKeys = Schema.Struct({
    "a\"b": Schema.String,
    "line\nbreak\u2028": Schema.optional(Schema.Number),
    constructor: Schema.optional(Schema.Boolean),
    toString: Schema.String,
    [symbolKey]: Schema.optional(Schema.Number),
    renamed: Schema.optionalWith(Schema.String, { default: () => "none" }).pipe(Schema.fromKey("}'`${x}"))
  })
  const encoded = <A, I>(schema: Schema.Schema<A, I>): FastCheck.Arbitrary<unknown> =>
    Arbitrary.make(schema).filter(reachable).map((value) => Either.getOrElse(Schema.encodeEither(schema)(value), (): unknown => value))
  const inputs = FastCheck.oneof(
    encoded(Shapes),
    encoded(Holder),
    encoded(Pair),
    encoded(OddKeys),
    encoded(OddKeys).map((value) => JSON.parse(JSON.stringify(value))),
    FastCheck.anything(),
    FastCheck.constantFrom({ type: "dot", at: { x: 1, y: undefined } }, [{ type: "circle", a: "s", r: 1 }], [{ type: "dot", at: { x: 1.5 } }]),
    // Keys only inherited, on objects of other prototypes: absent to the Schema decoder.
    FastCheck.constantFrom(
      Object.assign(Object.create({ type: "circle", a: "s", name: "n", y: 2, "line\nbreak\u2028": 1 }), { r: 1, x: 1, toString: "t", "a\"b": "q" }),
      Object.assign(Object.create(null), { x: 2, "a\"b": "q", toString: "t" })
    )
  )
  const fastAlike = <A, I>(schema: Schema.Schema<A, I>, input: unknown) => agree(schema, withFastDecode(schema, [Point]), input)

  it.prop("decodes every input as the schema does: unions in the Schema's order, refinements, constructor defaults, other nodes", [inputs], ([input]) => {
    fastAlike(Shapes, input)
    fastAlike(Shapes, [input])
    fastAlike(Holder, input)
    fastAlike(Pair, input)
    fastAlike(OddKeys, input)
    fastAlike(Schema.Array(OddKeys), [input])
  }, { timeout, fastCheck: { numRuns: 500 } })

  it("decodes keys named __proto__ as the schema does", () => {
    const Proto = Schema.Struct({ ["__proto__"]: Schema.optional(Schema.String), a: Schema.Number })
    for (const input of [JSON.parse(`{"__proto__": "x", "a": 1}`), JSON.parse(`{"__proto__": 1, "a": 1}`), { a: 1 }]) fastAlike(Proto, input)
  })

  it("hands only the entry in doubt to the Schema decoder, not the whole list", () => {
    let checked = 0
    const Counted = Schema.Struct({ n: Schema.Number.pipe(Schema.filter(() => (checked++, true))), p: Point })
    const fast = Schema.decodeUnknownSync(withFastDecode(Schema.Array(Counted), [Point]))
    // The second point's `y` is undefined: its constructor default applies, which the class's own constructor does.
    const list = fast([{ n: 1, p: { x: 1, y: 1 } }, { n: 2, p: { x: 1, y: undefined } }, { n: 3, p: { x: 1, y: 3 } }])
    assert.deepStrictEqual(list.map((item) => item.p.y), [1, 0, 3])
    assert.strictEqual(checked, 3)
  })

  it("leaves options that change the output to the Schema decoder", () => {
    const fast = withFastDecode(Schema.Array(Point), [Point])
    const input = [{ x: 1, extra: true }]
    for (const options of [{ onExcessProperty: "error" }, { onExcessProperty: "preserve" }, { exact: true }] as const) {
      assert.deepStrictEqual(
        Schema.decodeUnknownEither(fast)(input, options),
        Schema.decodeUnknownEither(Schema.Array(Point))(input, options)
      )
    }
  })
})
