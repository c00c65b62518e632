import { Schema } from "effect"

const location = Schema.optional(Schema.String)

/** HTTP 500: wire error `LabelMe`. */
export class LabelMe extends Schema.TaggedError<LabelMe>()("LabelMe", { location }) { static readonly status = 500 }
/** HTTP 403: wire error `AlreadyOnboarded`. */
export class AlreadyOnboarded extends Schema.TaggedError<AlreadyOnboarded>()("AlreadyOnboarded", { location }) { static readonly status = 403 }
/** HTTP 409: wire error `UsernameTaken`. */
export class UsernameTaken extends Schema.TaggedError<UsernameTaken>()("UsernameTaken", { location }) { static readonly status = 409 }
/** HTTP 400: wire error `InvalidUsername`. */
export class InvalidUsername extends Schema.TaggedError<InvalidUsername>()("InvalidUsername", { location }) { static readonly status = 400 }
/** HTTP 429: wire error `DiscriminatorChangeRatelimited`. */
export class DiscriminatorChangeRatelimited extends Schema.TaggedError<DiscriminatorChangeRatelimited>()("DiscriminatorChangeRatelimited", { location }) { static readonly status = 429 }
/** HTTP 404: no such user (the backend sends NotFound instead in nearly every route). */
export class UnknownUser extends Schema.TaggedError<UnknownUser>()("UnknownUser", { location }) { static readonly status = 404 }
/** HTTP 409: you are already friends. */
export class AlreadyFriends extends Schema.TaggedError<AlreadyFriends>()("AlreadyFriends", { location }) { static readonly status = 409 }
/** HTTP 409: a friend request is already pending. */
export class AlreadySentRequest extends Schema.TaggedError<AlreadySentRequest>()("AlreadySentRequest", { location }) { static readonly status = 409 }
/** HTTP 409: you have blocked this user. */
export class Blocked extends Schema.TaggedError<Blocked>()("Blocked", { location }) { static readonly status = 409 }
/** HTTP 403: this user has blocked you. */
export class BlockedByOther extends Schema.TaggedError<BlockedByOther>()("BlockedByOther", { location }) { static readonly status = 403 }
/** HTTP 403: you are not friends. */
export class NotFriends extends Schema.TaggedError<NotFriends>()("NotFriends", { location }) { static readonly status = 403 }
/** HTTP 400: too many outgoing friend requests (`max`). */
export class TooManyPendingFriendRequests extends Schema.TaggedError<TooManyPendingFriendRequests>()("TooManyPendingFriendRequests", { max: Schema.Number, location }) { static readonly status = 400 }
/** HTTP 404: the channel does not exist or is in another server (member edit's `voice_channel`). */
export class UnknownChannel extends Schema.TaggedError<UnknownChannel>()("UnknownChannel", { location }) { static readonly status = 404 }
/** HTTP 400: wire error `UnknownAttachment`. */
export class UnknownAttachment extends Schema.TaggedError<UnknownAttachment>()("UnknownAttachment", { location }) { static readonly status = 400 }
/** HTTP 404: no such message (the backend sends NotFound instead in nearly every route). */
export class UnknownMessage extends Schema.TaggedError<UnknownMessage>()("UnknownMessage", { location }) { static readonly status = 404 }
/** HTTP 403: wire error `CannotDeleteMessage`. */
export class CannotDeleteMessage extends Schema.TaggedError<CannotDeleteMessage>()("CannotDeleteMessage", { location }) { static readonly status = 403 }
/** HTTP 403: wire error `CannotEditMessage`. */
export class CannotEditMessage extends Schema.TaggedError<CannotEditMessage>()("CannotEditMessage", { location }) { static readonly status = 403 }
/** HTTP 400: the voice channel is full and you cannot manage it. */
export class CannotJoinCall extends Schema.TaggedError<CannotJoinCall>()("CannotJoinCall", { location }) { static readonly status = 400 }
/** HTTP 400: more attachments than the instance allows (`max`). */
export class TooManyAttachments extends Schema.TaggedError<TooManyAttachments>()("TooManyAttachments", { max: Schema.Number, location }) { static readonly status = 400 }
/** HTTP 400: more embeds than allowed (`max`). */
export class TooManyEmbeds extends Schema.TaggedError<TooManyEmbeds>()("TooManyEmbeds", { max: Schema.Number, location }) { static readonly status = 400 }
/** HTTP 400: replying to more messages than allowed (`max`). */
export class TooManyReplies extends Schema.TaggedError<TooManyReplies>()("TooManyReplies", { max: Schema.Number, location }) { static readonly status = 400 }
/** HTTP 400: wire error `TooManyChannels`. */
export class TooManyChannels extends Schema.TaggedError<TooManyChannels>()("TooManyChannels", { max: Schema.Number, location }) { static readonly status = 400 }
/** HTTP 422: the message has no content, attachment or embed. */
export class EmptyMessage extends Schema.TaggedError<EmptyMessage>()("EmptyMessage", { location }) { static readonly status = 422 }
/** HTTP 422: the message is longer than the instance allows (counted in UTF-8 bytes). */
export class PayloadTooLarge extends Schema.TaggedError<PayloadTooLarge>()("PayloadTooLarge", { location }) { static readonly status = 422 }
/** HTTP 400: you tried to kick or ban yourself. */
export class CannotRemoveYourself extends Schema.TaggedError<CannotRemoveYourself>()("CannotRemoveYourself", { location }) { static readonly status = 400 }
/** HTTP 403: the group is full (`max` recipients). */
export class GroupTooLarge extends Schema.TaggedError<GroupTooLarge>()("GroupTooLarge", { max: Schema.Number, location }) { static readonly status = 403 }
/** HTTP 409: you are already in the group. */
export class AlreadyInGroup extends Schema.TaggedError<AlreadyInGroup>()("AlreadyInGroup", { location }) { static readonly status = 409 }
/** HTTP 404: the user is not in the group. */
export class NotInGroup extends Schema.TaggedError<NotInGroup>()("NotInGroup", { location }) { static readonly status = 404 }
/** HTTP 400: wire error `AlreadyPinned`. */
export class AlreadyPinned extends Schema.TaggedError<AlreadyPinned>()("AlreadyPinned", { location }) { static readonly status = 400 }
/** HTTP 400: wire error `NotPinned`. */
export class NotPinned extends Schema.TaggedError<NotPinned>()("NotPinned", { location }) { static readonly status = 400 }
/** HTTP 429: the channel is in slowmode; `retryAfter` is in seconds. */
export class InSlowmode extends Schema.TaggedError<InSlowmode>()("InSlowmode", { retryAfter: Schema.propertySignature(Schema.Number).pipe(Schema.fromKey("retry_after")), location }) { static readonly status = 429 }
/** HTTP 403: wire error `CantCreateServers`. */
export class CantCreateServers extends Schema.TaggedError<CantCreateServers>()("CantCreateServers", { location }) { static readonly status = 403 }
/** HTTP 404: no such server (the backend sends NotFound instead in nearly every route). */
export class UnknownServer extends Schema.TaggedError<UnknownServer>()("UnknownServer", { location }) { static readonly status = 404 }
/** HTTP 404: a role you tried to give does not exist in the server. */
export class InvalidRole extends Schema.TaggedError<InvalidRole>()("InvalidRole", { location }) { static readonly status = 404 }
/** HTTP 403: you are banned from the server. */
export class Banned extends Schema.TaggedError<Banned>()("Banned", { location }) { static readonly status = 403 }
/** HTTP 400: you are in too many servers to join another (`max`). */
export class TooManyServers extends Schema.TaggedError<TooManyServers>()("TooManyServers", { max: Schema.Number, location }) { static readonly status = 400 }
/** HTTP 400: wire error `TooManyEmoji`. */
export class TooManyEmoji extends Schema.TaggedError<TooManyEmoji>()("TooManyEmoji", { max: Schema.Number, location }) { static readonly status = 400 }
/** HTTP 400: wire error `TooManyRoles`. */
export class TooManyRoles extends Schema.TaggedError<TooManyRoles>()("TooManyRoles", { max: Schema.Number, location }) { static readonly status = 400 }
/** HTTP 409: you are already a member of the server. */
export class AlreadyInServer extends Schema.TaggedError<AlreadyInServer>()("AlreadyInServer", { location }) { static readonly status = 409 }
/** HTTP 400: you tried to time yourself out. */
export class CannotTimeoutYourself extends Schema.TaggedError<CannotTimeoutYourself>()("CannotTimeoutYourself", { location }) { static readonly status = 400 }
/** HTTP 400: wire error `ReachedMaximumBots`. */
export class ReachedMaximumBots extends Schema.TaggedError<ReachedMaximumBots>()("ReachedMaximumBots", { location }) { static readonly status = 400 }
/** HTTP 400: a bot account cannot do this (or the other user is a bot). */
export class IsBot extends Schema.TaggedError<IsBot>()("IsBot", { location }) { static readonly status = 400 }
/** HTTP 400: only a bot account can do this. */
export class IsNotBot extends Schema.TaggedError<IsNotBot>()("IsNotBot", { location }) { static readonly status = 400 }
/** HTTP 403: wire error `BotIsPrivate`. */
export class BotIsPrivate extends Schema.TaggedError<BotIsPrivate>()("BotIsPrivate", { location }) { static readonly status = 403 }
/** HTTP 400: you tried to report yourself, your message or your server. */
export class CannotReportYourself extends Schema.TaggedError<CannotReportYourself>()("CannotReportYourself", { location }) { static readonly status = 400 }
/** HTTP 403: you lack the `permission` named (also for user-level checks: Access, ViewProfile, SendMessage). */
export class MissingPermission extends Schema.TaggedError<MissingPermission>()("MissingPermission", { permission: Schema.String, location }) { static readonly status = 403 }
/** HTTP 403: you lack a user-level permission (documented; the backend sends MissingPermission). */
export class MissingUserPermission extends Schema.TaggedError<MissingUserPermission>()("MissingUserPermission", { permission: Schema.String, location }) { static readonly status = 403 }
/** HTTP 403: the target ranks as high as you or higher, or a role you tried to give does. */
export class NotElevated extends Schema.TaggedError<NotElevated>()("NotElevated", { location }) { static readonly status = 403 }
/** HTTP 403: wire error `NotPrivileged`. */
export class NotPrivileged extends Schema.TaggedError<NotPrivileged>()("NotPrivileged", { location }) { static readonly status = 403 }
/** HTTP 403: wire error `CannotGiveMissingPermissions`. */
export class CannotGiveMissingPermissions extends Schema.TaggedError<CannotGiveMissingPermissions>()("CannotGiveMissingPermissions", { location }) { static readonly status = 403 }
/** HTTP 403: only the owner can do this. */
export class NotOwner extends Schema.TaggedError<NotOwner>()("NotOwner", { location }) { static readonly status = 403 }
/** HTTP 403: the member holds TimeoutMembers, so no one can time them out. */
export class IsElevated extends Schema.TaggedError<IsElevated>()("IsElevated", { location }) { static readonly status = 403 }
/** HTTP 500: the backend's database failed (`operation` on `collection`); also a re-ban. */
export class DatabaseError extends Schema.TaggedError<DatabaseError>()("DatabaseError", { operation: Schema.String, collection: Schema.String, location }) { static readonly status = 500 }
/** HTTP 500: the backend failed. */
export class InternalError extends Schema.TaggedError<InternalError>()("InternalError", { location }) { static readonly status = 500 }
/** HTTP 400: the request is not allowed here (kicking the owner, an invite in a DM, query with pinned...). */
export class InvalidOperation extends Schema.TaggedError<InvalidOperation>()("InvalidOperation", { location }) { static readonly status = 400 }
/** HTTP 401: wire error `InvalidCredentials`. */
export class InvalidCredentials extends Schema.TaggedError<InvalidCredentials>()("InvalidCredentials", { location }) { static readonly status = 401 }
/** HTTP 400: a property of the request is invalid (message flags, restrict_reactions alone). */
export class InvalidProperty extends Schema.TaggedError<InvalidProperty>()("InvalidProperty", { location }) { static readonly status = 400 }
/** HTTP 401: the token is missing or invalid (any 401). */
export class InvalidSession extends Schema.TaggedError<InvalidSession>()("InvalidSession", { location }) { static readonly status = 401 }
/** HTTP 400: an invalid flag value. */
export class InvalidFlagValue extends Schema.TaggedError<InvalidFlagValue>()("InvalidFlagValue", { location }) { static readonly status = 400 }
/** HTTP 401: wire error `NotAuthenticated`. */
export class NotAuthenticated extends Schema.TaggedError<NotAuthenticated>()("NotAuthenticated", { location }) { static readonly status = 401 }
/** HTTP 409: wire error `DuplicateNonce`. */
export class DuplicateNonce extends Schema.TaggedError<DuplicateNonce>()("DuplicateNonce", { location }) { static readonly status = 409 }
/** HTTP 404: what you named does not exist or is not visible to you. */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", { location }) { static readonly status = 404 }
/** HTTP 400: the request changed nothing (sent with 400, seen with 200). */
export class NoEffect extends Schema.TaggedError<NoEffect>()("NoEffect", { location }) { static readonly status = 400 }
/** HTTP 400: the input failed validation (`error` says how); also raised before sending. */
export class FailedValidation extends Schema.TaggedError<FailedValidation>()("FailedValidation", { error: Schema.String, location }) { static readonly status = 400 }
/** HTTP 400: a header is too large (never sent: the backend answers its plain 400 instead). */
export class HeaderTooLarge extends Schema.TaggedError<HeaderTooLarge>()("HeaderTooLarge", { location }) { static readonly status = 400 }
/** HTTP 500: wire error `OperationFailed`. */
export class OperationFailed extends Schema.TaggedError<OperationFailed>()("OperationFailed", { location }) { static readonly status = 500 }
/** HTTP 400: wire error `IncorrectData`. */
export class IncorrectData extends Schema.TaggedError<IncorrectData>()("IncorrectData", { with: Schema.String, location }) { static readonly status = 400 }
/** HTTP 400: voice is not enabled on this instance. */
export class LiveKitUnavailable extends Schema.TaggedError<LiveKitUnavailable>()("LiveKitUnavailable", { location }) { static readonly status = 400 }
/** HTTP 400: the channel carries no voice. */
export class NotAVoiceChannel extends Schema.TaggedError<NotAVoiceChannel>()("NotAVoiceChannel", { location }) { static readonly status = 400 }
/** HTTP 400: you are already in a voice channel. */
export class AlreadyConnected extends Schema.TaggedError<AlreadyConnected>()("AlreadyConnected", { location }) { static readonly status = 400 }
/** HTTP 400: the member is not in a voice channel. */
export class NotConnected extends Schema.TaggedError<NotConnected>()("NotConnected", { location }) { static readonly status = 400 }
/** HTTP 400: no voice node is available for the channel, or the node named is unknown. */
export class UnknownNode extends Schema.TaggedError<UnknownNode>()("UnknownNode", { location }) { static readonly status = 400 }
/** HTTP 400: wire error `ProxyError`. */
export class ProxyError extends Schema.TaggedError<ProxyError>()("ProxyError", { location }) { static readonly status = 400 }
/** HTTP 422: wire error `FileTooSmall`. */
export class FileTooSmall extends Schema.TaggedError<FileTooSmall>()("FileTooSmall", { location }) { static readonly status = 422 }
/** HTTP 422: wire error `FileTooLarge`. */
export class FileTooLarge extends Schema.TaggedError<FileTooLarge>()("FileTooLarge", { max: Schema.Number, location }) { static readonly status = 422 }
/** HTTP 400: wire error `FileTypeNotAllowed`. */
export class FileTypeNotAllowed extends Schema.TaggedError<FileTypeNotAllowed>()("FileTypeNotAllowed", { location }) { static readonly status = 400 }
/** HTTP 500: wire error `ImageProcessingFailed`. */
export class ImageProcessingFailed extends Schema.TaggedError<ImageProcessingFailed>()("ImageProcessingFailed", { location }) { static readonly status = 500 }
/** HTTP 400: wire error `NoEmbedData`. */
export class NoEmbedData extends Schema.TaggedError<NoEmbedData>()("NoEmbedData", { location }) { static readonly status = 400 }
/** HTTP 400: the legacy voice server is unavailable. */
export class VosoUnavailable extends Schema.TaggedError<VosoUnavailable>()("VosoUnavailable", { location }) { static readonly status = 400 }
/** HTTP 400: the `feature` is disabled on this instance. */
export class FeatureDisabled extends Schema.TaggedError<FeatureDisabled>()("FeatureDisabled", { feature: Schema.String, location }) { static readonly status = 400 }
/** HTTP 500: wire error `RenderFail`. */
export class RenderFail extends Schema.TaggedError<RenderFail>()("RenderFail", { location }) { static readonly status = 500 }
/** HTTP 400: wire error `MissingHeaders`. */
export class MissingHeaders extends Schema.TaggedError<MissingHeaders>()("MissingHeaders", { location }) { static readonly status = 400 }
/** HTTP 400: wire error `CaptchaFailed`. */
export class CaptchaFailed extends Schema.TaggedError<CaptchaFailed>()("CaptchaFailed", { location }) { static readonly status = 400 }
/** HTTP 400: wire error `BlockedByShield`. */
export class BlockedByShield extends Schema.TaggedError<BlockedByShield>()("BlockedByShield", { location }) { static readonly status = 400 }
/** HTTP 403: wire error `UnverifiedAccount`. */
export class UnverifiedAccount extends Schema.TaggedError<UnverifiedAccount>()("UnverifiedAccount", { location }) { static readonly status = 403 }
/** HTTP 500: wire error `EmailFailed`. */
export class EmailFailed extends Schema.TaggedError<EmailFailed>()("EmailFailed", { location }) { static readonly status = 500 }
/** HTTP 401: wire error `InvalidToken`. */
export class InvalidToken extends Schema.TaggedError<InvalidToken>()("InvalidToken", { location }) { static readonly status = 401 }
/** HTTP 400: wire error `MissingInvite`. */
export class MissingInvite extends Schema.TaggedError<MissingInvite>()("MissingInvite", { location }) { static readonly status = 400 }
/** HTTP 400: wire error `InvalidInvite`. */
export class InvalidInvite extends Schema.TaggedError<InvalidInvite>()("InvalidInvite", { location }) { static readonly status = 400 }
/** HTTP 400: wire error `CompromisedPassword`. */
export class CompromisedPassword extends Schema.TaggedError<CompromisedPassword>()("CompromisedPassword", { location }) { static readonly status = 400 }
/** HTTP 400: wire error `ShortPassword`. */
export class ShortPassword extends Schema.TaggedError<ShortPassword>()("ShortPassword", { location }) { static readonly status = 400 }
/** HTTP 401: the account is blacklisted (the backend's `Blacklisted`, sent with this `type` and a `note`). */
export class DisallowedContactSupport extends Schema.TaggedError<DisallowedContactSupport>()("DisallowedContactSupport", { note: Schema.optional(Schema.String), location }) { static readonly status = 401 }
/** HTTP 403: wire error `LockedOut`. */
export class LockedOut extends Schema.TaggedError<LockedOut>()("LockedOut", { location }) { static readonly status = 403 }
/** HTTP 400: wire error `TotpAlreadyEnabled`. */
export class TotpAlreadyEnabled extends Schema.TaggedError<TotpAlreadyEnabled>()("TotpAlreadyEnabled", { location }) { static readonly status = 400 }
/** HTTP 400: wire error `DisallowedMFAMethod`. */
export class DisallowedMFAMethod extends Schema.TaggedError<DisallowedMFAMethod>()("DisallowedMFAMethod", { location }) { static readonly status = 400 }

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
