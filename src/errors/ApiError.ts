import { Schema } from "effect"
import { renamed } from "../schema/Wire.js"

/** The request an API error answers, as it was sent: method, path with its ids, and the kind of token (never the token). */
export const AnsweredRequest = Schema.Struct({
  method: Schema.String,
  path: Schema.String,
  tokenKind: Schema.optional(Schema.Literal("bot", "user"))
})
export type AnsweredRequest = typeof AnsweredRequest.Type

const location = Schema.optional(Schema.String)
/** Not a wire key: the client fills it in when it decodes an error; absent when the client refused before sending. */
const request = Schema.optional(AnsweredRequest)

/** HTTP 500: the backend failed with an error it has not labelled yet. */
export class LabelMe extends Schema.TaggedError<LabelMe>()("LabelMe", { location, request }) { static readonly status = 500; static readonly meaning = "the backend failed with an error it has not labelled yet" }
/** HTTP 403: the account has already chosen its username. */
export class AlreadyOnboarded extends Schema.TaggedError<AlreadyOnboarded>()("AlreadyOnboarded", { location, request }) { static readonly status = 403; static readonly meaning = "the account has already chosen its username" }
/** HTTP 409: the username is taken. */
export class UsernameTaken extends Schema.TaggedError<UsernameTaken>()("UsernameTaken", { location, request }) { static readonly status = 409; static readonly meaning = "the username is taken" }
/** HTTP 400: the username is not allowed. */
export class InvalidUsername extends Schema.TaggedError<InvalidUsername>()("InvalidUsername", { location, request }) { static readonly status = 400; static readonly meaning = "the username is not allowed" }
/** HTTP 429: the discriminator was changed too recently to change again. */
export class DiscriminatorChangeRatelimited extends Schema.TaggedError<DiscriminatorChangeRatelimited>()("DiscriminatorChangeRatelimited", { location, request }) { static readonly status = 429; static readonly meaning = "the discriminator was changed too recently to change again" }
/** HTTP 404: no such user (the backend sends NotFound instead in nearly every route). */
export class UnknownUser extends Schema.TaggedError<UnknownUser>()("UnknownUser", { location, request }) { static readonly status = 404; static readonly meaning = "no such user" }
/** HTTP 409: you are already friends. */
export class AlreadyFriends extends Schema.TaggedError<AlreadyFriends>()("AlreadyFriends", { location, request }) { static readonly status = 409; static readonly meaning = "you are already friends" }
/** HTTP 409: a friend request is already pending. */
export class AlreadySentRequest extends Schema.TaggedError<AlreadySentRequest>()("AlreadySentRequest", { location, request }) { static readonly status = 409; static readonly meaning = "a friend request is already pending" }
/** HTTP 409: you have blocked this user. */
export class Blocked extends Schema.TaggedError<Blocked>()("Blocked", { location, request }) { static readonly status = 409; static readonly meaning = "you have blocked this user" }
/** HTTP 403: this user has blocked you. */
export class BlockedByOther extends Schema.TaggedError<BlockedByOther>()("BlockedByOther", { location, request }) { static readonly status = 403; static readonly meaning = "this user has blocked you" }
/** HTTP 403: you are not friends. */
export class NotFriends extends Schema.TaggedError<NotFriends>()("NotFriends", { location, request }) { static readonly status = 403; static readonly meaning = "you are not friends" }
/** HTTP 400: too many outgoing friend requests (`max`). */
export class TooManyPendingFriendRequests extends Schema.TaggedError<TooManyPendingFriendRequests>()("TooManyPendingFriendRequests", { max: Schema.Number, location, request }) { static readonly status = 400; static readonly meaning = "you have too many outgoing friend requests" }
/** HTTP 404: the channel does not exist or is in another server (member edit's `voice_channel`). */
export class UnknownChannel extends Schema.TaggedError<UnknownChannel>()("UnknownChannel", { location, request }) { static readonly status = 404; static readonly meaning = "the channel does not exist or is in another server" }
/** HTTP 400: an attachment names no uploaded file. */
export class UnknownAttachment extends Schema.TaggedError<UnknownAttachment>()("UnknownAttachment", { location, request }) { static readonly status = 400; static readonly meaning = "an attachment names no uploaded file" }
/** HTTP 404: no such message (the backend sends NotFound instead in nearly every route). */
export class UnknownMessage extends Schema.TaggedError<UnknownMessage>()("UnknownMessage", { location, request }) { static readonly status = 404; static readonly meaning = "no such message" }
/** HTTP 403: you may not delete this message. */
export class CannotDeleteMessage extends Schema.TaggedError<CannotDeleteMessage>()("CannotDeleteMessage", { location, request }) { static readonly status = 403; static readonly meaning = "you may not delete this message" }
/** HTTP 403: you may not edit this message. */
export class CannotEditMessage extends Schema.TaggedError<CannotEditMessage>()("CannotEditMessage", { location, request }) { static readonly status = 403; static readonly meaning = "you may not edit this message" }
/** HTTP 400: the voice channel is full and you cannot manage it. */
export class CannotJoinCall extends Schema.TaggedError<CannotJoinCall>()("CannotJoinCall", { location, request }) { static readonly status = 400; static readonly meaning = "the voice channel is full and you cannot manage it" }
/** HTTP 400: more attachments than the instance allows (`max`). */
export class TooManyAttachments extends Schema.TaggedError<TooManyAttachments>()("TooManyAttachments", { max: Schema.Number, location, request }) { static readonly status = 400; static readonly meaning = "more attachments than the instance allows" }
/** HTTP 400: more embeds than allowed (`max`). */
export class TooManyEmbeds extends Schema.TaggedError<TooManyEmbeds>()("TooManyEmbeds", { max: Schema.Number, location, request }) { static readonly status = 400; static readonly meaning = "more embeds than allowed" }
/** HTTP 400: replying to more messages than allowed (`max`). */
export class TooManyReplies extends Schema.TaggedError<TooManyReplies>()("TooManyReplies", { max: Schema.Number, location, request }) { static readonly status = 400; static readonly meaning = "replying to more messages than allowed" }
/** HTTP 400: the server has as many channels as it may. */
export class TooManyChannels extends Schema.TaggedError<TooManyChannels>()("TooManyChannels", { max: Schema.Number, location, request }) { static readonly status = 400; static readonly meaning = "the server has as many channels as it may" }
/** HTTP 422: the message has no content, attachment or embed. */
export class EmptyMessage extends Schema.TaggedError<EmptyMessage>()("EmptyMessage", { location, request }) { static readonly status = 422; static readonly meaning = "the message has no content, attachment or embed" }
/** HTTP 422: the message is longer than the instance allows (counted in UTF-8 bytes). */
export class PayloadTooLarge extends Schema.TaggedError<PayloadTooLarge>()("PayloadTooLarge", { location, request }) { static readonly status = 422; static readonly meaning = "the message is longer than the instance allows (counted in UTF-8 bytes)" }
/** HTTP 400: you tried to kick or ban yourself. */
export class CannotRemoveYourself extends Schema.TaggedError<CannotRemoveYourself>()("CannotRemoveYourself", { location, request }) { static readonly status = 400; static readonly meaning = "you tried to kick or ban yourself" }
/** HTTP 403: the group is full (`max` recipients). */
export class GroupTooLarge extends Schema.TaggedError<GroupTooLarge>()("GroupTooLarge", { max: Schema.Number, location, request }) { static readonly status = 403; static readonly meaning = "the group is full" }
/** HTTP 409: you are already in the group. */
export class AlreadyInGroup extends Schema.TaggedError<AlreadyInGroup>()("AlreadyInGroup", { location, request }) { static readonly status = 409; static readonly meaning = "you are already in the group" }
/** HTTP 404: the user is not in the group. */
export class NotInGroup extends Schema.TaggedError<NotInGroup>()("NotInGroup", { location, request }) { static readonly status = 404; static readonly meaning = "the user is not in the group" }
/** HTTP 400: the message is already pinned. */
export class AlreadyPinned extends Schema.TaggedError<AlreadyPinned>()("AlreadyPinned", { location, request }) { static readonly status = 400; static readonly meaning = "the message is already pinned" }
/** HTTP 400: the message is not pinned. */
export class NotPinned extends Schema.TaggedError<NotPinned>()("NotPinned", { location, request }) { static readonly status = 400; static readonly meaning = "the message is not pinned" }
/** HTTP 429: the channel is in slowmode; `retryAfter` is in seconds. */
export class InSlowmode extends Schema.TaggedError<InSlowmode>()("InSlowmode", { retryAfter: renamed(Schema.Number, "retry_after"), location, request }) { static readonly status = 429; static readonly meaning = "the channel is in slowmode (retryAfter is in seconds)" }
/** HTTP 403: this account may not create servers. */
export class CantCreateServers extends Schema.TaggedError<CantCreateServers>()("CantCreateServers", { location, request }) { static readonly status = 403; static readonly meaning = "this account may not create servers" }
/** HTTP 404: no such server (the backend sends NotFound instead in nearly every route). */
export class UnknownServer extends Schema.TaggedError<UnknownServer>()("UnknownServer", { location, request }) { static readonly status = 404; static readonly meaning = "no such server" }
/** HTTP 404: a role you tried to give does not exist in the server. */
export class InvalidRole extends Schema.TaggedError<InvalidRole>()("InvalidRole", { location, request }) { static readonly status = 404; static readonly meaning = "a role you tried to give does not exist in the server" }
/** HTTP 403: you are banned from the server. */
export class Banned extends Schema.TaggedError<Banned>()("Banned", { location, request }) { static readonly status = 403; static readonly meaning = "you are banned from the server" }
/** HTTP 400: you are in too many servers to join another (`max`). */
export class TooManyServers extends Schema.TaggedError<TooManyServers>()("TooManyServers", { max: Schema.Number, location, request }) { static readonly status = 400; static readonly meaning = "you are in too many servers to join another" }
/** HTTP 400: the server has as many emoji as it may. */
export class TooManyEmoji extends Schema.TaggedError<TooManyEmoji>()("TooManyEmoji", { max: Schema.Number, location, request }) { static readonly status = 400; static readonly meaning = "the server has as many emoji as it may" }
/** HTTP 400: the server has as many roles as it may. */
export class TooManyRoles extends Schema.TaggedError<TooManyRoles>()("TooManyRoles", { max: Schema.Number, location, request }) { static readonly status = 400; static readonly meaning = "the server has as many roles as it may" }
/** HTTP 409: you are already a member of the server. */
export class AlreadyInServer extends Schema.TaggedError<AlreadyInServer>()("AlreadyInServer", { location, request }) { static readonly status = 409; static readonly meaning = "you are already a member of the server" }
/** HTTP 400: you tried to time yourself out. */
export class CannotTimeoutYourself extends Schema.TaggedError<CannotTimeoutYourself>()("CannotTimeoutYourself", { location, request }) { static readonly status = 400; static readonly meaning = "you tried to time yourself out" }
/** HTTP 400: you own as many bots as you may. */
export class ReachedMaximumBots extends Schema.TaggedError<ReachedMaximumBots>()("ReachedMaximumBots", { location, request }) { static readonly status = 400; static readonly meaning = "you own as many bots as you may" }
/** HTTP 400: a bot account cannot do this (or the other user is a bot). */
export class IsBot extends Schema.TaggedError<IsBot>()("IsBot", { location, request }) { static readonly status = 400; static readonly meaning = "a bot account cannot do this (or the other user is a bot)" }
/** HTTP 400: only a bot account can do this. */
export class IsNotBot extends Schema.TaggedError<IsNotBot>()("IsNotBot", { location, request }) { static readonly status = 400; static readonly meaning = "only a bot account can do this" }
/** HTTP 403: the bot is private: only its owner may add it. */
export class BotIsPrivate extends Schema.TaggedError<BotIsPrivate>()("BotIsPrivate", { location, request }) { static readonly status = 403; static readonly meaning = "the bot is private: only its owner may add it" }
/** HTTP 400: you tried to report yourself, your message or your server. */
export class CannotReportYourself extends Schema.TaggedError<CannotReportYourself>()("CannotReportYourself", { location, request }) { static readonly status = 400; static readonly meaning = "you tried to report yourself, your message or your server" }
/** HTTP 403: you lack the `permission` named (also for user-level checks: Access, ViewProfile, SendMessage). */
export class MissingPermission extends Schema.TaggedError<MissingPermission>()("MissingPermission", { permission: Schema.String, location, request }) { static readonly status = 403; static readonly meaning = "you lack the permission named" }
/** HTTP 403: you lack a user-level permission (documented; the backend sends MissingPermission). */
export class MissingUserPermission extends Schema.TaggedError<MissingUserPermission>()("MissingUserPermission", { permission: Schema.String, location, request }) { static readonly status = 403; static readonly meaning = "you lack the user-level permission named" }
/** HTTP 403: the target ranks as high as you or higher, or a role you tried to give does. */
export class NotElevated extends Schema.TaggedError<NotElevated>()("NotElevated", { location, request }) { static readonly status = 403; static readonly meaning = "the target ranks as high as you or higher, or a role you tried to give does" }
/** HTTP 403: the account is not privileged enough for this. */
export class NotPrivileged extends Schema.TaggedError<NotPrivileged>()("NotPrivileged", { location, request }) { static readonly status = 403; static readonly meaning = "the account is not privileged enough for this" }
/** HTTP 403: you cannot give permissions you do not hold. */
export class CannotGiveMissingPermissions extends Schema.TaggedError<CannotGiveMissingPermissions>()("CannotGiveMissingPermissions", { location, request }) { static readonly status = 403; static readonly meaning = "you cannot give permissions you do not hold" }
/** HTTP 403: only the owner can do this. */
export class NotOwner extends Schema.TaggedError<NotOwner>()("NotOwner", { location, request }) { static readonly status = 403; static readonly meaning = "only the owner can do this" }
/** HTTP 403: the member holds TimeoutMembers, so no one can time them out. */
export class IsElevated extends Schema.TaggedError<IsElevated>()("IsElevated", { location, request }) { static readonly status = 403; static readonly meaning = "the member holds TimeoutMembers, so no one can time them out" }
/** HTTP 500: the backend's database failed (`operation` on `collection`); also a re-ban. */
export class DatabaseError extends Schema.TaggedError<DatabaseError>()("DatabaseError", { operation: Schema.String, collection: Schema.String, location, request }) { static readonly status = 500; static readonly meaning = "the backend's database failed (a re-ban fails this way too)" }
/** HTTP 500: the backend failed. */
export class InternalError extends Schema.TaggedError<InternalError>()("InternalError", { location, request }) { static readonly status = 500; static readonly meaning = "the backend failed" }
/** HTTP 400: the request is not allowed here (kicking the owner, an invite in a DM, query with pinned...). */
export class InvalidOperation extends Schema.TaggedError<InvalidOperation>()("InvalidOperation", { location, request }) { static readonly status = 400; static readonly meaning = "the request is not allowed here (kicking the owner, an invite in a DM, query with pinned...)" }
/** HTTP 401: the credentials are wrong. */
export class InvalidCredentials extends Schema.TaggedError<InvalidCredentials>()("InvalidCredentials", { location, request }) { static readonly status = 401; static readonly meaning = "the credentials are wrong" }
/** HTTP 400: a property of the request is invalid (message flags, restrict_reactions alone). */
export class InvalidProperty extends Schema.TaggedError<InvalidProperty>()("InvalidProperty", { location, request }) { static readonly status = 400; static readonly meaning = "a property of the request is invalid" }
/** HTTP 401: the token is missing or invalid (any 401). */
export class InvalidSession extends Schema.TaggedError<InvalidSession>()("InvalidSession", { location, request }) { static readonly status = 401; static readonly meaning = "the token is missing or invalid" }
/** HTTP 400: an invalid flag value. */
export class InvalidFlagValue extends Schema.TaggedError<InvalidFlagValue>()("InvalidFlagValue", { location, request }) { static readonly status = 400; static readonly meaning = "a flag value is invalid" }
/** HTTP 401: the route needs an authenticated session. */
export class NotAuthenticated extends Schema.TaggedError<NotAuthenticated>()("NotAuthenticated", { location, request }) { static readonly status = 401; static readonly meaning = "the route needs an authenticated session" }
/** HTTP 409: a message with this nonce or idempotency key was already sent. */
export class DuplicateNonce extends Schema.TaggedError<DuplicateNonce>()("DuplicateNonce", { location, request }) { static readonly status = 409; static readonly meaning = "a message with this nonce or idempotency key was already sent" }
/** HTTP 404: what you named does not exist or is not visible to you. */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", { location, request }) { static readonly status = 404; static readonly meaning = "what you named does not exist or is not visible to you" }
/** HTTP 400: the request changed nothing (sent with 400, seen with 200). */
export class NoEffect extends Schema.TaggedError<NoEffect>()("NoEffect", { location, request }) { static readonly status = 400; static readonly meaning = "the request changed nothing" }
/** HTTP 400: the input failed validation (`error` says how); also raised before sending. */
export class FailedValidation extends Schema.TaggedError<FailedValidation>()("FailedValidation", { error: Schema.String, location, request }) { static readonly status = 400; static readonly meaning = "the input failed validation" }
/** HTTP 400: a header is too large (never sent: the backend answers its plain 400 instead). */
export class HeaderTooLarge extends Schema.TaggedError<HeaderTooLarge>()("HeaderTooLarge", { location, request }) { static readonly status = 400; static readonly meaning = "a header is too large" }
/** HTTP 500: the backend could not complete the operation. */
export class OperationFailed extends Schema.TaggedError<OperationFailed>()("OperationFailed", { location, request }) { static readonly status = 500; static readonly meaning = "the backend could not complete the operation" }
/** HTTP 400: the data sent is not what the route expects. */
export class IncorrectData extends Schema.TaggedError<IncorrectData>()("IncorrectData", { with: Schema.String, location, request }) { static readonly status = 400; static readonly meaning = "the data sent is not what the route expects" }
/** HTTP 400: voice is not enabled on this instance. */
export class LiveKitUnavailable extends Schema.TaggedError<LiveKitUnavailable>()("LiveKitUnavailable", { location, request }) { static readonly status = 400; static readonly meaning = "voice is not enabled on this instance" }
/** HTTP 400: the channel carries no voice. */
export class NotAVoiceChannel extends Schema.TaggedError<NotAVoiceChannel>()("NotAVoiceChannel", { location, request }) { static readonly status = 400; static readonly meaning = "the channel carries no voice" }
/** HTTP 400: you are already in a voice channel. */
export class AlreadyConnected extends Schema.TaggedError<AlreadyConnected>()("AlreadyConnected", { location, request }) { static readonly status = 400; static readonly meaning = "you are already in a voice channel" }
/** HTTP 400: the member is not in a voice channel. */
export class NotConnected extends Schema.TaggedError<NotConnected>()("NotConnected", { location, request }) { static readonly status = 400; static readonly meaning = "the member is not in a voice channel" }
/** HTTP 400: no voice node is available for the channel, or the node named is unknown. */
export class UnknownNode extends Schema.TaggedError<UnknownNode>()("UnknownNode", { location, request }) { static readonly status = 400; static readonly meaning = "no voice node is available for the channel, or the node named is unknown" }
/** HTTP 400: the backend's proxy could not fetch the content. */
export class ProxyError extends Schema.TaggedError<ProxyError>()("ProxyError", { location, request }) { static readonly status = 400; static readonly meaning = "the backend's proxy could not fetch the content" }
/** HTTP 422: the file is too small. */
export class FileTooSmall extends Schema.TaggedError<FileTooSmall>()("FileTooSmall", { location, request }) { static readonly status = 422; static readonly meaning = "the file is too small" }
/** HTTP 422: the file is larger than allowed. */
export class FileTooLarge extends Schema.TaggedError<FileTooLarge>()("FileTooLarge", { max: Schema.Number, location, request }) { static readonly status = 422; static readonly meaning = "the file is larger than allowed" }
/** HTTP 400: files of this type are not allowed here. */
export class FileTypeNotAllowed extends Schema.TaggedError<FileTypeNotAllowed>()("FileTypeNotAllowed", { location, request }) { static readonly status = 400; static readonly meaning = "files of this type are not allowed here" }
/** HTTP 500: the file server could not process the image. */
export class ImageProcessingFailed extends Schema.TaggedError<ImageProcessingFailed>()("ImageProcessingFailed", { location, request }) { static readonly status = 500; static readonly meaning = "the file server could not process the image" }
/** HTTP 400: nothing could be embedded from the link. */
export class NoEmbedData extends Schema.TaggedError<NoEmbedData>()("NoEmbedData", { location, request }) { static readonly status = 400; static readonly meaning = "nothing could be embedded from the link" }
/** HTTP 400: the legacy voice server is unavailable. */
export class VosoUnavailable extends Schema.TaggedError<VosoUnavailable>()("VosoUnavailable", { location, request }) { static readonly status = 400; static readonly meaning = "the legacy voice server is unavailable" }
/** HTTP 400: the `feature` is disabled on this instance. */
export class FeatureDisabled extends Schema.TaggedError<FeatureDisabled>()("FeatureDisabled", { feature: Schema.String, location, request }) { static readonly status = 400; static readonly meaning = "the feature named is disabled on this instance" }
/** HTTP 500: the backend failed to render the content. */
export class RenderFail extends Schema.TaggedError<RenderFail>()("RenderFail", { location, request }) { static readonly status = 500; static readonly meaning = "the backend failed to render the content" }
/** HTTP 400: the request lacks headers the route needs. */
export class MissingHeaders extends Schema.TaggedError<MissingHeaders>()("MissingHeaders", { location, request }) { static readonly status = 400; static readonly meaning = "the request lacks headers the route needs" }
/** HTTP 400: the captcha check failed. */
export class CaptchaFailed extends Schema.TaggedError<CaptchaFailed>()("CaptchaFailed", { location, request }) { static readonly status = 400; static readonly meaning = "the captcha check failed" }
/** HTTP 400: the backend's abuse shield blocked the request. */
export class BlockedByShield extends Schema.TaggedError<BlockedByShield>()("BlockedByShield", { location, request }) { static readonly status = 400; static readonly meaning = "the backend's abuse shield blocked the request" }
/** HTTP 403: the account's email address is not verified. */
export class UnverifiedAccount extends Schema.TaggedError<UnverifiedAccount>()("UnverifiedAccount", { location, request }) { static readonly status = 403; static readonly meaning = "the account's email address is not verified" }
/** HTTP 500: the backend could not send an email. */
export class EmailFailed extends Schema.TaggedError<EmailFailed>()("EmailFailed", { location, request }) { static readonly status = 500; static readonly meaning = "the backend could not send an email" }
/** HTTP 401: the token is invalid. */
export class InvalidToken extends Schema.TaggedError<InvalidToken>()("InvalidToken", { location, request }) { static readonly status = 401; static readonly meaning = "the token is invalid" }
/** HTTP 400: registering needs an invite. */
export class MissingInvite extends Schema.TaggedError<MissingInvite>()("MissingInvite", { location, request }) { static readonly status = 400; static readonly meaning = "registering needs an invite" }
/** HTTP 400: the registration invite is invalid. */
export class InvalidInvite extends Schema.TaggedError<InvalidInvite>()("InvalidInvite", { location, request }) { static readonly status = 400; static readonly meaning = "the registration invite is invalid" }
/** HTTP 400: the password is known from a breach. */
export class CompromisedPassword extends Schema.TaggedError<CompromisedPassword>()("CompromisedPassword", { location, request }) { static readonly status = 400; static readonly meaning = "the password is known from a breach" }
/** HTTP 400: the password is too short. */
export class ShortPassword extends Schema.TaggedError<ShortPassword>()("ShortPassword", { location, request }) { static readonly status = 400; static readonly meaning = "the password is too short" }
/** HTTP 401: the account is blacklisted (the backend's `Blacklisted`, sent with this `type` and a `note`). */
export class DisallowedContactSupport extends Schema.TaggedError<DisallowedContactSupport>()("DisallowedContactSupport", { note: Schema.optional(Schema.String), location, request }) { static readonly status = 401; static readonly meaning = "the account is blacklisted: contact the instance's support" }
/** HTTP 403: the account is locked out after failed attempts. */
export class LockedOut extends Schema.TaggedError<LockedOut>()("LockedOut", { location, request }) { static readonly status = 403; static readonly meaning = "the account is locked out after failed attempts" }
/** HTTP 400: TOTP is already enabled. */
export class TotpAlreadyEnabled extends Schema.TaggedError<TotpAlreadyEnabled>()("TotpAlreadyEnabled", { location, request }) { static readonly status = 400; static readonly meaning = "TOTP is already enabled" }
/** HTTP 400: this MFA method is not allowed. */
export class DisallowedMFAMethod extends Schema.TaggedError<DisallowedMFAMethod>()("DisallowedMFAMethod", { location, request }) { static readonly status = 400; static readonly meaning = "this MFA method is not allowed" }

/** Every wire error class, by its `type`. */
export const apiErrors = {
  LabelMe,
  AlreadyOnboarded,
  UsernameTaken,
  InvalidUsername,
  DiscriminatorChangeRatelimited,
  UnknownUser,
  AlreadyFriends,
  AlreadySentRequest,
  Blocked,
  BlockedByOther,
  NotFriends,
  TooManyPendingFriendRequests,
  UnknownChannel,
  UnknownAttachment,
  UnknownMessage,
  CannotDeleteMessage,
  CannotEditMessage,
  CannotJoinCall,
  TooManyAttachments,
  TooManyEmbeds,
  TooManyReplies,
  TooManyChannels,
  EmptyMessage,
  PayloadTooLarge,
  CannotRemoveYourself,
  GroupTooLarge,
  AlreadyInGroup,
  NotInGroup,
  AlreadyPinned,
  NotPinned,
  InSlowmode,
  CantCreateServers,
  UnknownServer,
  InvalidRole,
  Banned,
  TooManyServers,
  TooManyEmoji,
  TooManyRoles,
  AlreadyInServer,
  CannotTimeoutYourself,
  ReachedMaximumBots,
  IsBot,
  IsNotBot,
  BotIsPrivate,
  CannotReportYourself,
  MissingPermission,
  MissingUserPermission,
  NotElevated,
  NotPrivileged,
  CannotGiveMissingPermissions,
  NotOwner,
  IsElevated,
  DatabaseError,
  InternalError,
  InvalidOperation,
  InvalidCredentials,
  InvalidProperty,
  InvalidSession,
  InvalidFlagValue,
  NotAuthenticated,
  DuplicateNonce,
  NotFound,
  NoEffect,
  FailedValidation,
  HeaderTooLarge,
  OperationFailed,
  IncorrectData,
  LiveKitUnavailable,
  NotAVoiceChannel,
  AlreadyConnected,
  NotConnected,
  UnknownNode,
  ProxyError,
  FileTooSmall,
  FileTooLarge,
  FileTypeNotAllowed,
  ImageProcessingFailed,
  NoEmbedData,
  VosoUnavailable,
  FeatureDisabled,
  RenderFail,
  MissingHeaders,
  CaptchaFailed,
  BlockedByShield,
  UnverifiedAccount,
  EmailFailed,
  InvalidToken,
  MissingInvite,
  InvalidInvite,
  CompromisedPassword,
  ShortPassword,
  DisallowedContactSupport,
  LockedOut,
  TotpAlreadyEnabled,
  DisallowedMFAMethod,
} as const

/** A wire error `type`. */
export type ApiErrorTag = keyof typeof apiErrors

/** Any wire error. */
export type ApiError = InstanceType<(typeof apiErrors)[ApiErrorTag]>

const notDetails = new Set(["_tag", "location", "request"])

/** What an `InvalidSession` should make you check, given the kind of token that was sent. */
const sessionHint = (tokenKind: AnsweredRequest["tokenKind"]): string => {
  switch (tokenKind) {
    case "bot":
      return "the token was sent as a bot token (X-Bot-Token): check that it is current, or, if it is a user session token, set tokenKind \"user\" (STOAT_TOKEN_KIND=user)"
    case "user":
      return "the token was sent as a user session token (X-Session-Token): check that the session is still logged in, or, if it is a bot token, set tokenKind \"bot\" (STOAT_TOKEN_KIND=bot)"
    case undefined:
      return "check the token and its kind (tokenKind \"bot\" or \"user\")"
  }
}

/** The sentence an API error reads as: its wire type and status, what it means, its details, and the request it answers. */
const explain = (error: ApiError, status: number, meaning: string): string => {
  const details = Object.entries(error)
    .filter(([key, value]) => !notDetails.has(key) && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
  const what = details.length === 0 ? meaning : `${meaning} (${details.join(", ")})`
  const sentence = error.request === undefined
    ? `${what}; refused before sending, nothing was sent`
    : `the server answered ${error.request.method} ${error.request.path} with ${error._tag} (HTTP ${status}): ${what}`
  return error._tag === "InvalidSession" ? `${sentence}; ${sessionHint(error.request?.tokenKind)}` : sentence
}

for (const errorClass of Object.values(apiErrors)) {
  Object.defineProperty(errorClass.prototype, "message", {
    get(this: ApiError) {
      return explain(this, errorClass.status, errorClass.meaning)
    },
    enumerable: false,
    configurable: true
  })
}
