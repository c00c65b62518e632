// A small moderation bot: it welcomes whoever joins its server and times out whoever posts a banned
// word, showing itself typing while it works. `npm start` runs it against the embedded fake with a
// scripted visitor (examples/botShow.ts); the same code runs against a real instance.
import { Console, Duration, Effect, Option, type Scope, Stream } from "effect"
import {
  type ChannelId,
  Gateway,
  type InvalidSession,
  mention,
  send,
  type ServerId,
  StoatCache,
  type StoatClient,
  type StoatEvent,
  type UserId,
  timeoutMember,
  withTyping
} from "effect-stoat"

/** What the bot guards, and how. */
export interface BotSettings {
  readonly server: ServerId
  /** Where newcomers are welcomed. */
  readonly welcomeChannel: ChannelId
  /** Words that earn a timeout (matched case-insensitively, as whole words). */
  readonly bannedWords: ReadonlyArray<string>
  readonly timeout: Duration.DurationInput
}

const log = (line: string) => Console.log(`  [bot] ${line}`)

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u)

/** Welcomes a newcomer in the welcome channel. */
const welcome = (settings: BotSettings, user: UserId) =>
  withTyping(
    settings.welcomeChannel,
    send(settings.welcomeChannel, `Welcome ${mention({ id: { server: settings.server, user } })}! Be kind: some words earn a timeout here.`)
  ).pipe(
    Effect.zipRight(log(`welcomed ${user}`)),
    Effect.catchAll((error) => log(`could not welcome ${user}: ${error._tag}`))
  )

/** Times the author out and says why, in the channel the word was posted in. */
const punish = (settings: BotSettings, channel: ChannelId, user: UserId, word: string) => {
  const who = mention({ id: { server: settings.server, user } })
  return withTyping(
    channel,
    timeoutMember({ server: settings.server, user }, Duration.decode(settings.timeout)).pipe(
      // The reply does not repeat the word: the bot reads its own messages too.
      Effect.zipRight(send(channel, `${who} is timed out for ${Duration.format(settings.timeout)}: mind your words.`)),
      Effect.zipRight(log(`timed out ${user} for "${word}"`)),
      Effect.catchTags({
        NotElevated: () => log(`${user} ranks above me: no timeout`),
        IsElevated: () => log(`${user} may time out others: no timeout`),
        MissingPermission: (error) => log(`I lack ${error.permission}`)
      })
    )
  ).pipe(Effect.catchAll((error) => log(`could not time out ${user}: ${error._tag}`)))
}

/** What the bot does with one event (it never fails: a failed action is logged). */
const react = (settings: BotSettings) => (event: StoatEvent): Effect.Effect<void, never, StoatClient | Gateway | StoatCache> =>
  Effect.gen(function*() {
    if (event._tag === "ServerMemberJoin" && event.id === settings.server) return yield* welcome(settings, event.user)
    if (event._tag !== "Message") return
    const { message } = event
    const channel = yield* Effect.flatMap(StoatCache, (cache) => cache.getChannel(message.channel))
    const inServer = Option.exists(channel, (channel) => channel._tag === "TextChannel" && channel.server === settings.server)
    const banned = words(Option.getOrElse(message.content, () => "")).find((word) =>
      settings.bannedWords.some((bad) => bad.toLowerCase() === word)
    )
    if (inServer && banned !== undefined) yield* punish(settings, message.channel, message.author, banned)
  })

/**
 * Starts listening now (no event after this is missed) and gives the bot's loop to run: it handles
 * events one at a time, in order, until the token is refused.
 */
export const startModerationBot = (
  settings: BotSettings
): Effect.Effect<Effect.Effect<void, InvalidSession, StoatClient | Gateway | StoatCache>, never, Gateway | Scope.Scope> =>
  Effect.map(Effect.flatMap(Gateway, (gateway) => gateway.subscribe), (events) => Stream.runForEach(events, react(settings)))

/** The bot, listening and reacting for as long as it runs. */
export const moderationBot = (settings: BotSettings) => Effect.scoped(Effect.flatten(startModerationBot(settings)))
