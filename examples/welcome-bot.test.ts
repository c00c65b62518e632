import { assert, it } from "@effect/vitest"
import { Effect, Layer, Option, Redacted, Stream } from "effect"
import { acceptInvite, ChannelId, Gateway, send, type ServerMemberJoin, StoatClient, StoatConfig } from "effect-stoat"
import { StoatFake, StoatFakeSeed, stoatFakeWithEvents } from "effect-stoat/testing"

// Your bot: welcome everyone who joins. Events come in order, after the cache has applied them.
const welcome = (lobby: ChannelId) =>
  Effect.flatMap(Gateway, (gateway) =>
    gateway.events.pipe(
      Stream.filter((event): event is ServerMemberJoin => event._tag === "ServerMemberJoin"),
      Stream.runForEach((join) =>
        send(lobby, `Welcome <@${join.member.id.user}>!`).pipe(
          Effect.catchAll((error) => Effect.logWarning(`could not welcome: ${error._tag}`))
        )
      )
    ))

const seed = StoatFakeSeed.make()
  .user("owner")
  .bot("greeter", { owner: "owner" })
  .user("newcomer")
  .server("home", { owner: "owner" })
  .channel("lobby", { server: "home" })
  .member("home", "greeter")
  .invite("J01nH0me", { channel: "lobby", creator: "owner" })

// The bot's client and events socket, against the fake in process (no port, no network).
const fake = stoatFakeWithEvents(seed)
const client = (handle: string, tokenKind: "bot" | "user") =>
  StoatClient.layer.pipe(Layer.provide(StoatConfig.layer({ token: Redacted.make(seed.token(handle)), tokenKind })))
const Bot = Gateway.layer.pipe(Layer.provideMerge(client("greeter", "bot")))

it.scoped("the greeter welcomes a newcomer", () =>
  Effect.gen(function*() {
    const lobby = ChannelId.make(seed.id("lobby"))
    const mine = yield* Effect.flatMap(Gateway, (gateway) => gateway.subscribe)
    yield* Effect.forkScoped(welcome(lobby))
    yield* acceptInvite("J01nH0me").pipe(Effect.provide(client("newcomer", "user")))
    // The welcome comes back on the bot's own socket.
    yield* Stream.runHead(Stream.filter(mine, (event) => event._tag === "Message"))
    const messages = yield* Effect.flatMap(StoatFake, (fake) => fake.messages(seed.id("lobby")))
    assert.deepStrictEqual(messages.at(-1)?.content, Option.some(`Welcome <@${seed.id("newcomer")}>!`))
  }).pipe(Effect.provide(Bot), Effect.provide(fake)))
