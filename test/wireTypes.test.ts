import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { Channel, File, Member, Server, User } from "effect-stoat"

/** `true` when `T` has a string index signature, which would swallow every misspelt wire key. */
type HasStringIndex<T> = string extends keyof T ? true : false

const noIndex: [
  HasStringIndex<Schema.Schema.Encoded<typeof File>>,
  HasStringIndex<Schema.Schema.Encoded<typeof Member>>,
  HasStringIndex<Schema.Schema.Encoded<typeof User>>,
  HasStringIndex<Schema.Schema.Encoded<typeof Server>>,
  HasStringIndex<Extract<Schema.Schema.Encoded<typeof Channel>, { readonly channel_type: "TextChannel" }>>
] = [false, false, false, false, false]

describe("the encoded side of the schemas", () => {
  it("names its wire keys, so a consumer's type check sees them", () => {
    const wire: Schema.Schema.Encoded<typeof File> = {
      _id: "01HZ8Y3Q4R5S6T7V8W9X0YZA1B",
      tag: "attachments",
      filename: "cat.png",
      metadata: { type: "Image", width: 2, height: 1, thumbhash: null, animated: null },
      content_type: "image/png",
      size: 10
    }
    assert.deepStrictEqual(noIndex, [false, false, false, false, false])
    assert.deepStrictEqual(Schema.encodeSync(File)(Schema.decodeSync(File)(wire)), wire)
  })
})
