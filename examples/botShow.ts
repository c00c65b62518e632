// The second half of `npm start`: the moderation bot of examples/bot.ts against the embedded demo
// fake and its events server, and carol, a scripted visitor who joins and misbehaves. Every line
// printed is an event carol's own events socket delivered to her.
import { Console, DateTime, Duration, Effect, Layer, Option, Queue, Redacted, Stream } from "effect"
import {
  acceptInvite,
  ChannelId,
  Gateway,
  send,
  ServerId,
  StoatClient,
  StoatConfig,
  type StoatEvent
} from "effect-stoat"
import { demoSeed } from "effect-stoat/testing"
import { type BotSettings, startModerationBot } from "./bot.js"

/** The bot guards Stoat Lovers, welcomes in #general, and times out "spam" for 10 minutes. */
export const botSettings: BotSettings = {
  server: ServerId.make(demoSeed.id("lovers")),
  welcomeChannel: ChannelId.make(demoSeed.id("general")),
  bannedWords: ["spam"],
  timeout: Duration.minutes(10)
}

/** A client of `handle` on the embedded fake, with its events socket. */
export const signedIn = (handle: string) =>
  Gateway.layer.pipe(
    Layer.provideMerge(StoatClient.layer),
    Layer.provide(StoatConfig.layer({
      token: Redacted.make(demoSeed.token(handle)),
      tokenKind: handle === "modbot" ? "bot" : "user",
      baseUrl: "http://fake.stoat"
    }))
  )

const say = (line: string) => Console.log(`  ${line}`)

const names = new Map(["modbot", "carol"].map((handle) => [demoSeed.id(handle), handle]))
const nameOf = (user: string) => names.get(user) ?? user
const withNames = (text: string) => text.replace(/<@([0-9A-Z]{26})>/g, (_, user: string) => `@${nameOf(user)}`)

/** What carol sees of an event, when it is worth a line. */
const lineOf = (event: StoatEvent): Option.Option<string> => {
  switch (event._tag) {
    case "ChannelStartTyping":
      return Option.some(`${nameOf(event.user)} is typing...`)
    case "ChannelStopTyping":
      return Option.some(`${nameOf(event.user)} stopped typing`)
    case "Message":
      return Option.some(`${nameOf(event.message.author)}: ${withNames(Option.getOrElse(event.message.content, () => ""))}`)
    case "ServerMemberUpdate":
      return Option.map(event.data.timeout, (until) => `${nameOf(event.id.user)} is timed out until ${DateTime.formatIso(until)}`)
    default:
      return Option.none()
  }
}

/**
 * The show: the bot listens; carol joins and is welcomed, says hello (nothing happens), then posts a
 * banned word and is timed out. It runs on the fake in context (`stoatFakeWithEvents(demoSeed)` for `npm start`).
 */
export const botShow = Effect.scoped(Effect.gen(function*() {
  yield* Console.log("\nThe moderation bot (examples/bot.ts), live on the events socket; carol's screen:")
  const bot = yield* Layer.build(signedIn("modbot"))
  yield* Effect.forkScoped(Effect.provide(Effect.flatten(startModerationBot(botSettings)), bot))

  const carol = yield* Layer.build(signedIn("carol"))
  const asCarol = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, carol)
  const seen = yield* Queue.unbounded<string>()
  const events = yield* asCarol(Effect.flatMap(Gateway, (gateway) => gateway.subscribe))
  yield* events.pipe(
    Stream.filterMap(lineOf),
    Stream.runForEach((line) => Effect.zipRight(say(line), Queue.offer(seen, line))),
    Effect.forkScoped
  )
  /** Waits until carol has seen a line that `wanted` accepts. */
  const until = (what: string, wanted: (line: string) => boolean) =>
    Queue.take(seen).pipe(
      Effect.repeat({ until: wanted }),
      Effect.timeoutFail({ duration: Duration.seconds(30), onTimeout: () => new Error(`carol never saw ${what}`) })
    )

  yield* say("(carol accepts the invite aB3dE5fG)")
  yield* asCarol(acceptInvite("aB3dE5fG"))
  yield* until("the welcome", (line) => line.startsWith("modbot: Welcome"))
  yield* say("(carol posts in #general, twice)")
  yield* asCarol(send(botSettings.welcomeChannel, "Hello everyone!"))
  yield* asCarol(send(botSettings.welcomeChannel, "Anyone want cheap spam?"))
  yield* until("the bot's reply", (line) => line.startsWith("modbot:") && line.includes("timed out"))
  yield* until("the bot stop typing", (line) => line === "modbot stopped typing")
}))
