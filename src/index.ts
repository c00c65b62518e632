export * from "./errors/ApiError.js"
export * from "./errors/ClientError.js"
export type { Declared, ErrorClass, ErrorOf } from "./errors/Declared.js"
export type { AuditLogOptions, Identifiable } from "./internal/input.js"
export { fetchInstance, type FetchInstanceError, fileServerUrl } from "./operations/instance.js"
export * from "./operations/inviteLookups.js"
export {
  type AcceptGroupInviteError, acceptInvite, type AcceptInviteError, type AcceptServerInviteError,
  type AnyInvite, createInvite, type CreateInviteError, deleteInvite,
  type DeleteInviteError, fetchInvite, type FetchInviteError, fetchServerInvites, type FetchServerInvitesError,
  revokeInvite
} from "./operations/invites.js"
export * from "./operations/memberLookups.js"
export {
  fetchMember, type FetchMemberError, type FetchMemberOptions, fetchMembers, type FetchMembersError,
  type FetchMembersOptions
} from "./operations/members.js"
export {
  acknowledge, type AcknowledgeError, fetchMessage, type FetchMessageError, history, type HistoryError,
  type HistoryOptions, historyStream, type HistoryStreamOptions, search, type SearchError, type SearchOptions
} from "./operations/messages.js"
export {
  type Reply, send, type SendableEmbed, type SendableInteractions, type SendableMasquerade, type SendError,
  type SendOptions
} from "./operations/messageSend.js"
export { type MessageTarget, type MessageTargetError } from "./operations/messageTarget.js"
export {
  banMember, type BanMemberError, type BanOptions, editMember, type EditMemberError, fetchBans,
  type FetchBansError, kickMember, type KickMemberError, type MemberEdit, type MemberField, type MemberRef,
  type TimeoutEnd, timeoutMember, type TimeoutMemberError, unbanUser, type UnbanUserError
} from "./operations/moderation.js"
export {
  fetchServer, type FetchServerError, type FetchServerOptions, leaveServer, type LeaveServerError,
  type LeaveServerOptions
} from "./operations/servers.js"
export {
  beginTyping, endTyping, type TypingError, typingRefreshInterval, withTyping, type WithTypingOptions
} from "./operations/typing.js"
export {
  fetchDefaultAvatar, type FetchDefaultAvatarError, fetchDmChannelId, fetchFlags,
  type FetchFlagsError, fetchMutuals, type FetchMutualsError, fetchProfile, type FetchProfileError, fetchUser,
  type FetchUserError, mutualFriendIds, mutualServerIds, openDm, type OpenDmError, removeFriend,
  type RemoveFriendError, reportUser, type ReportUserError, type ReportUserOptions, unblockUser,
  type UnblockUserError, type UserTarget
} from "./operations/users.js"
export {
  connectVoice, type ConnectVoiceError, type ConnectVoiceOptions, joinCall, type JoinCallError,
  type JoinCallOptions, VoiceUnavailable
} from "./operations/voice.js"
export * from "./schema/Ban.js"
export * from "./schema/CallCredentials.js"
export * from "./schema/Channel.js"
export * from "./schema/Embed.js"
export * from "./schema/events/channelEvents.js"
export * from "./schema/events/ClientFrame.js"
export * from "./schema/events/connectionEvents.js"
export * from "./schema/events/emojiEvents.js"
export * from "./schema/events/messageEvents.js"
export * from "./schema/events/serverEvents.js"
export * from "./schema/events/StoatEvent.js"
export * from "./schema/events/userEvents.js"
export * from "./schema/events/voiceEvents.js"
export * from "./schema/File.js"
export * from "./schema/fileUrls.js"
export * from "./schema/FlagSet.js"
export { ChannelId, FileId, InviteCode, isUlid, MessageId, RoleId, ServerId, ulidTime, UserId } from "./schema/Ids.js"
export * from "./schema/Instance.js"
export * from "./schema/Invite.js"
export * from "./schema/Member.js"
export * from "./schema/MemberList.js"
export { type FastClass, withFastDecode } from "./schema/fastDecode.js"
export * from "./schema/memberValues.js"
export * from "./schema/Message.js"
export * from "./schema/Mutuals.js"
export * from "./schema/PartialMember.js"
export * from "./schema/PartialUser.js"
export * from "./schema/Permissions.js"
export * from "./schema/ReportReason.js"
export * from "./schema/Server.js"
export * from "./schema/serverPermissions.js"
export * from "./schema/User.js"
export * from "./schema/UserFlags.js"
export * from "./schema/UserList.js"
export * from "./schema/UserProfile.js"
export { UnknownEnumValue } from "./schema/Wire.js"
export * from "./services/followEvent.js"
export * from "./services/Gateway.js"
export * from "./services/StoatCache.js"
export { type Method, type Route, StoatClient, type StoatClientOptions } from "./services/StoatClient.js"
export * from "./services/StoatConfig.js"
export { RateLimiter, type RequestKey } from "./services/RateLimiter.js"
export * from "./services/RateLimiterStore.js"
export * from "./services/rateLimitBucket.js"
export * from "./services/VoiceConnector.js"
export { currentRequestOptions, type RequestOptions, withRequestOptions } from "./pipeline/RequestOptions.js"
export { defaultRetryPolicy, type RetryPolicy } from "./pipeline/retries.js"
