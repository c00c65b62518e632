// The tour `npm start` runs (examples/demo.ts), apart so a test can run it in process.
import { Console, Duration, Effect, Layer, Option, Redacted, Schedule } from "effect"
import {
  acceptInvite,
  banMember,
  editMember,
  fetchInvite,
  fetchMembers,
  kickMember,
  StoatClient,
  StoatConfig,
  timeoutMember
} from "effect-stoat"
import { StoatNodeLive } from "effect-stoat/node"
import { demoSeed, StoatFake } from "effect-stoat/testing"

const say = (line: string) => Console.log(`  ${line}`)

/** Waits out 429s (as long as the server says) and tries again: the demo never ends on a rate limit. */
const waitOutRateLimits = Schedule.identity<{ readonly _tag: string; readonly retryAfter?: Duration.Duration }>().pipe(
  Schedule.whileInput((error) => error._tag === "RateLimited"),
  Schedule.addDelay((error) => error.retryAfter ?? Duration.zero)
)

/** What any call may meet on the way: no answer, a 429 that outlived the retries, an unreadable answer. */
const onTheWay = {
  TransportError: (error: { readonly message: string }) => say(`no answer: ${error.message}`),
  RateLimited: (error: { readonly message: string }) => say(`rate limited: ${error.message}`),
  UnexpectedResponse: (error: { readonly message: string }) => say(`unexpected answer: ${error.message}`)
}

const lovers = demoSeed.id("lovers")
const member = (handle: string) => ({ server: lovers, user: demoSeed.id(handle) })

/** Runs a step as one of the demo's users: each has a client of their own, all against the one fake. */
const as = (handle: string) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    // The seed's tokens are never blank, so the config cannot fail.
    Effect.provide(StoatClient.layer.pipe(Layer.provide(Layer.orDie(StoatConfig.layer({
      token: Redacted.make(demoSeed.token(handle)),
      tokenKind: handle === "modbot" ? "bot" : "user"
    })))))
  )

const lookAtInvite = (code: string) =>
  fetchInvite(code).pipe(
    Effect.retry(waitOutRateLimits),
    Effect.flatMap((invite) =>
      invite._tag === "ServerPublicInvite"
        ? say(`invite ${code}: ${invite.serverName}, #${invite.channelName}, ${invite.memberCount} members, made by ${invite.userName}`)
        : say(`invite ${code}: a ${invite._tag}`)
    ),
    Effect.catchTags({
      NotFound: () => say(`invite ${code}: no such invite`),
      FailedValidation: (error) => say(`invite ${code}: not a code (${error.error})`),
      DatabaseError: () => say("the server's database failed"),
      ...onTheWay
    })
  )

const join = (who: string, code: string) =>
  acceptInvite(code).pipe(
    Effect.retry(waitOutRateLimits),
    Effect.flatMap((joined) =>
      joined._tag === "JoinedServer"
        ? say(`${who} joined ${joined.server.name} and sees ${joined.channels.length} channels`)
        : say(`${who} joined a ${joined._tag}`)
    ),
    Effect.catchTags({
      Banned: () => say(`${who} is banned from that server`),
      AlreadyInServer: () => say(`${who} is already a member`),
      AlreadyInGroup: () => say(`${who} is already in that group`),
      GroupTooLarge: (error) => say(`the group is full (${error.max})`),
      TooManyServers: (error) => say(`${who} is in too many servers (${error.max})`),
      IsBot: () => say("bots cannot accept invites"),
      NotFound: () => say("no such invite"),
      InvalidSession: () => say("the token was refused"),
      FailedValidation: (error) => say(`not a code: ${error.error}`),
      DatabaseError: () => say("the server's database failed"),
      InternalError: () => say("the server failed"),
      ...onTheWay
    })
  )

const listMembers = (server: string) =>
  fetchMembers(server).pipe(
    Effect.retry(waitOutRateLimits),
    Effect.flatMap((list) => {
      const names = list.members.map((each) => {
        const user = list.users.find((user) => user.id === each.id.user)
        const name = user?.username ?? each.id.user
        return Option.match(each.nickname, { onNone: () => name, onSome: (nickname) => `${name} ("${nickname}")` })
      })
      return say(`${list.members.length} members: ${names.join(", ")}`)
    }),
    Effect.catchTags({
      NotFound: () => say("not a member of that server, so its members are hidden"),
      InvalidSession: () => say("the token was refused"),
      FailedValidation: (error) => say(`not a server id: ${error.error}`),
      DatabaseError: () => say("the server's database failed"),
      ...onTheWay
    })
  )

const rename = (who: string, target: string, nickname: string) =>
  editMember(member(target), { nickname }).pipe(
    Effect.retry(waitOutRateLimits),
    Effect.flatMap(() => say(`${who} renamed ${target} to "${nickname}"`)),
    Effect.catchTags({
      MissingPermission: (error) => say(`${who} may not rename ${target}: missing ${error.permission}`),
      NotElevated: () => say(`${who} does not outrank ${target}`),
      IsElevated: () => say(`${target} holds TimeoutMembers`),
      CannotTimeoutYourself: () => say("no one can time themselves out"),
      InvalidOperation: () => say("that edit is not allowed"),
      InvalidRole: () => say("no such role"),
      UnknownChannel: () => say("no such voice channel"),
      NotAVoiceChannel: () => say("not a voice channel"),
      NotConnected: () => say(`${target} is not in voice`),
      LiveKitUnavailable: () => say("voice is off on this instance"),
      NotFound: () => say(`${target} is not a member`),
      InvalidSession: () => say("the token was refused"),
      FailedValidation: (error) => say(`refused before sending: ${error.error}`),
      DatabaseError: () => say("the server's database failed"),
      InternalError: () => say("the server failed"),
      ...onTheWay
    })
  )

const timeOut = (who: string, target: string, minutes: number) =>
  timeoutMember(member(target), Duration.minutes(minutes)).pipe(
    Effect.retry(waitOutRateLimits),
    Effect.flatMap(() => say(`${who} timed ${target} out for ${minutes} minutes`)),
    Effect.catchTags({
      IsElevated: () => say(`${who} cannot time out ${target}: they hold TimeoutMembers themselves`),
      CannotTimeoutYourself: () => say("no one can time themselves out"),
      MissingPermission: (error) => say(`${who} lacks ${error.permission}`),
      NotElevated: () => say(`${who} does not outrank ${target}`),
      NotFound: () => say(`${target} is not a member`),
      InvalidSession: () => say("the token was refused"),
      FailedValidation: (error) => say(`refused before sending: ${error.error}`),
      DatabaseError: () => say("the server's database failed"),
      InternalError: () => say("the server failed"),
      ...onTheWay
    })
  )

const kick = (who: string, target: string) =>
  kickMember(member(target)).pipe(
    Effect.retry(waitOutRateLimits),
    Effect.flatMap(() => say(`${who} kicked ${target}`)),
    Effect.catchTags({
      NotElevated: () => say(`${who} cannot kick ${target}: ${target} ranks as high or higher`),
      CannotRemoveYourself: () => say("no one can kick themselves"),
      InvalidOperation: () => say("the owner cannot be kicked"),
      MissingPermission: (error) => say(`${who} lacks ${error.permission}`),
      NotFound: () => say(`${target} is not a member`),
      InvalidSession: () => say("the token was refused"),
      FailedValidation: (error) => say(`refused before sending: ${error.error}`),
      DatabaseError: () => say("the server's database failed"),
      ...onTheWay
    })
  )

const ban = (who: string, target: string, reason: string) =>
  banMember(member(target), { reason }).pipe(
    Effect.retry(waitOutRateLimits),
    Effect.flatMap(() => say(`${who} banned ${target}: ${reason}`)),
    Effect.catchTags({
      DatabaseError: (error) => say(`${target} was already banned: the backend answers a 500 DatabaseError (${error.operation} ${error.collection})`),
      NotElevated: () => say(`${who} cannot ban ${target}: ${target} ranks as high or higher`),
      CannotRemoveYourself: () => say("no one can ban themselves"),
      InvalidOperation: () => say("the owner cannot be banned"),
      MissingPermission: (error) => say(`${who} lacks ${error.permission}`),
      NotFound: () => say("no such server"),
      InvalidSession: () => say("the token was refused"),
      FailedValidation: (error) => say(`refused before sending: ${error.error}`),
      ...onTheWay
    })
  )

const step = (title: string) => Console.log(`\n${title}`)

/** The tour, against the embedded fake: every call's every failure is handled by name. */
export const tour: Effect.Effect<void> = Effect.gen(function*() {
  yield* Console.log("effect-stoat demo: an in-memory Stoat with the server \"Stoat Lovers\"")
  yield* step("1. carol looks at an invite and accepts it; mallory, who is banned, cannot")
  yield* as("carol")(lookAtInvite("aB3dE5fG"))
  yield* as("carol")(join("carol", "aB3dE5fG"))
  yield* as("mallory")(join("mallory", "aB3dE5fG"))
  yield* step("2. the bot lists the members")
  yield* as("modbot")(listMembers(lovers))
  yield* step("3. nicknames: a moderator may rename a member; a member may not rename a moderator")
  yield* as("alice")(rename("alice", "bob", "Bobby"))
  yield* as("bob")(rename("bob", "alice", "Ali"))
  yield* step("4. timeouts: alice times carol out; nobody can time out a holder of TimeoutMembers")
  yield* as("alice")(timeOut("alice", "carol", 10))
  yield* as("alice")(timeOut("alice", "modbot", 10))
  yield* step("5. kicks: alice kicks carol but cannot kick the bot, which outranks her")
  yield* as("alice")(kick("alice", "carol"))
  yield* as("alice")(kick("alice", "modbot"))
  yield* step("6. bans: the bot bans carol; banning her twice hits the backend's re-ban bug")
  yield* as("modbot")(ban("modbot", "carol", "rude in #general"))
  yield* as("modbot")(ban("modbot", "carol", "again"))
  yield* step("The fake's own view at the end")
  const fake = yield* StoatFake
  yield* say(`carol is a member: ${yield* fake.isMember(lovers, demoSeed.id("carol"))}, banned: ${yield* fake.isBanned(lovers, demoSeed.id("carol"))}`)
  yield* say(`requests the fake answered: ${(yield* fake.requests).length}`)
}).pipe(Effect.provide(StoatFake.layer(demoSeed)))

/** The read-only part against the real instance: look at an invite and, if you are in it, its members. */
export const live = (code: string): Effect.Effect<void> =>
  Effect.gen(function*() {
    yield* Console.log(`effect-stoat demo against ${process.env["STOAT_API_URL"] ?? "https://api.stoat.chat"}`)
    yield* lookAtInvite(code)
    const invite = yield* fetchInvite(code).pipe(Effect.option)
    if (Option.isSome(invite) && invite.value._tag === "ServerPublicInvite") yield* listMembers(invite.value.serverId)
  }).pipe(Effect.provide(StoatNodeLive), Effect.catchAll((error) => Console.error(`configuration: ${error.message}`)))
