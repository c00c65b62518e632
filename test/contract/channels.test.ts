import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import {
  AudioMetadata,
  Channel,
  DirectMessageChannel,
  File,
  FileMetadata,
  GroupChannel,
  ImageMetadata,
  type Metadata,
  SavedMessagesChannel,
  TextChannel,
  TextMetadata,
  VideoMetadata
} from "effect-stoat"
import { decodes } from "./decodes.js"
import { at, modes, ref, sampleOf, variantTags } from "./openapi.js"

const channel = (tag: string, mode: (typeof modes)[number]) => sampleOf(ref("Channel", { key: "channel_type", tag }), mode)

describe("contract: Channel → Channel", () => {
  it.effect("the spec has exactly the SavedMessages, DirectMessage, Group and TextChannel variants", () =>
    Effect.sync(() =>
      assert.deepStrictEqual(variantTags("Channel", "channel_type"), ["SavedMessages", "DirectMessage", "Group", "TextChannel"])
    ))

  for (const mode of modes) {
    it.effect(`SavedMessages variant (${mode} sample) → SavedMessagesChannel`, () =>
      Effect.gen(function*() {
        const wire = channel("SavedMessages", mode)
        const decoded = yield* decodes(Channel, wire)
        assert.instanceOf(decoded, SavedMessagesChannel)
        if (!(decoded instanceof SavedMessagesChannel)) return
        assert.strictEqual(decoded._tag, "SavedMessages")
        assert.strictEqual(decoded.id, at(wire, "_id"))
        assert.strictEqual(decoded.user, at(wire, "user"))
      }))

    it.effect(`DirectMessage variant (${mode} sample) → DirectMessageChannel`, () =>
      Effect.gen(function*() {
        const wire = channel("DirectMessage", mode)
        const decoded = yield* decodes(Channel, wire)
        assert.instanceOf(decoded, DirectMessageChannel)
        if (!(decoded instanceof DirectMessageChannel)) return
        assert.strictEqual(decoded._tag, "DirectMessage")
        assert.strictEqual(decoded.id, at(wire, "_id"))
        assert.strictEqual(decoded.active, at(wire, "active"))
        assert.deepStrictEqual(decoded.recipients, at(wire, "recipients"))
        assert.strictEqual(Option.getOrUndefined(decoded.lastMessageId), at(wire, "last_message_id"))
      }))

    it.effect(`Group variant (${mode} sample) → GroupChannel`, () =>
      Effect.gen(function*() {
        const wire = channel("Group", mode)
        const decoded = yield* decodes(Channel, wire)
        assert.instanceOf(decoded, GroupChannel)
        if (!(decoded instanceof GroupChannel)) return
        assert.strictEqual(decoded._tag, "Group")
        assert.strictEqual(decoded.id, at(wire, "_id"))
        assert.strictEqual(decoded.name, at(wire, "name"))
        assert.strictEqual(decoded.owner, at(wire, "owner"))
        assert.strictEqual(Option.getOrUndefined(decoded.description), at(wire, "description"))
        assert.deepStrictEqual(decoded.recipients, at(wire, "recipients"))
        assert.strictEqual(Option.getOrUndefined(decoded.icon)?.id, at(wire, "icon", "_id"))
        assert.strictEqual(Option.getOrUndefined(decoded.lastMessageId), at(wire, "last_message_id"))
        assert.strictEqual(Option.getOrUndefined(decoded.permissions), at(wire, "permissions"))
        assert.strictEqual(decoded.nsfw, at(wire, "nsfw") ?? false)
      }))

    it.effect(`TextChannel variant (${mode} sample) → TextChannel`, () =>
      Effect.gen(function*() {
        const wire = channel("TextChannel", mode)
        const decoded = yield* decodes(Channel, wire)
        assert.instanceOf(decoded, TextChannel)
        if (!(decoded instanceof TextChannel)) return
        assert.strictEqual(decoded._tag, "TextChannel")
        assert.strictEqual(decoded.id, at(wire, "_id"))
        assert.strictEqual(decoded.server, at(wire, "server"))
        assert.strictEqual(decoded.name, at(wire, "name"))
        assert.strictEqual(Option.getOrUndefined(decoded.description), at(wire, "description"))
        assert.strictEqual(Option.getOrUndefined(decoded.icon)?.id, at(wire, "icon", "_id"))
        assert.strictEqual(Option.getOrUndefined(decoded.lastMessageId), at(wire, "last_message_id"))
        const defaults = Option.getOrUndefined(decoded.defaultPermissions)
        assert.strictEqual(defaults?.allow, at(wire, "default_permissions", "a"))
        assert.strictEqual(defaults?.deny, at(wire, "default_permissions", "d"))
        assert.deepStrictEqual(
          Object.entries(decoded.rolePermissions).map(([role, override]) => [role, override.allow, override.deny]),
          Object.keys(at(wire, "role_permissions") ?? {}).map((role) => [
            role,
            at(wire, "role_permissions", role, "a"),
            at(wire, "role_permissions", role, "d")
          ])
        )
        assert.strictEqual(decoded.nsfw, at(wire, "nsfw") ?? false)
        const voice = Option.getOrUndefined(decoded.voice)
        assert.strictEqual(voice && Option.getOrUndefined(voice.maxUsers), at(wire, "voice", "max_users"))
        assert.isTrue(Option.isNone(decoded.slowmode))
      }))
  }
})

describe("contract: File → File", () => {
  const kinds: ReadonlyArray<readonly [string, (metadata: Metadata) => boolean]> = [
    ["File", (metadata) => metadata instanceof FileMetadata],
    ["Text", (metadata) => metadata instanceof TextMetadata],
    ["Image", (metadata) => metadata instanceof ImageMetadata],
    ["Video", (metadata) => metadata instanceof VideoMetadata],
    ["Audio", (metadata) => metadata instanceof AudioMetadata]
  ]

  it.effect("the spec's Metadata has exactly the File, Text, Image, Video and Audio variants", () =>
    Effect.sync(() => assert.deepStrictEqual(variantTags("Metadata", "type"), kinds.map(([type]) => type))))

  for (const mode of modes) {
    for (const [type, isKind] of kinds) {
      it.effect(`${mode} sample with ${type} metadata`, () =>
        Effect.gen(function*() {
          const metadata = sampleOf(ref("Metadata", { key: "type", tag: type }), mode)
          const wire = { ...sampleOf(ref("File"), mode), metadata }
          const file = yield* decodes(File, wire)
          assert.instanceOf(file, File)
          assert.strictEqual(file.id, at(wire, "_id"))
          assert.strictEqual(file.tag, at(wire, "tag"))
          assert.strictEqual(file.filename, at(wire, "filename"))
          assert.strictEqual(file.contentType, at(wire, "content_type"))
          assert.strictEqual(file.size, at(wire, "size"))
          assert.strictEqual(Option.getOrUndefined(file.deleted), at(wire, "deleted"))
          assert.strictEqual(Option.getOrUndefined(file.reported), at(wire, "reported"))
          assert.strictEqual(Option.getOrUndefined(file.messageId), at(wire, "message_id"))
          assert.strictEqual(Option.getOrUndefined(file.userId), at(wire, "user_id"))
          assert.strictEqual(Option.getOrUndefined(file.serverId), at(wire, "server_id"))
          assert.strictEqual(Option.getOrUndefined(file.objectId), at(wire, "object_id"))
          assert.isTrue(isKind(file.metadata))
          assert.strictEqual(file.metadata._tag, type)
          if (file.metadata instanceof ImageMetadata || file.metadata instanceof VideoMetadata) {
            assert.strictEqual(file.metadata.width, at(metadata, "width"))
            assert.strictEqual(file.metadata.height, at(metadata, "height"))
          }
        }))
    }
  }

  it.effect("the File sample's own metadata is the spec's first variant", () =>
    Effect.gen(function*() {
      const file = yield* decodes(File, sampleOf(ref("File"), "full"))
      assert.instanceOf(file.metadata, FileMetadata)
    }))
})
