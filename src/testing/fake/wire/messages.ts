import type { MessageRecord } from "../records.js"
import { ifAny, ifNonZero, ifTrue, iso, type Json, present } from "./json.js"

/**
 * A message as the backend serializes it (`v0::Message`): empty lists, empty reactions, default
 * interactions, `pinned: false` and zero flags left out.
 */
export const messageJson = (message: MessageRecord): Json => {
  const { reactions, restrict_reactions } = message.interactions
  const reacted = Object.entries(message.reactions)
  return present({
    _id: message._id,
    nonce: message.nonce,
    channel: message.channel,
    author: message.author,
    content: message.content,
    system: message.system === undefined ? undefined : { ...message.system },
    attachments: ifAny(message.attachments),
    edited: message.edited === undefined ? undefined : iso(message.edited),
    embeds: ifAny(message.embeds),
    mentions: ifAny(message.mentions),
    role_mentions: ifAny(message.role_mentions),
    replies: ifAny(message.replies),
    reactions: reacted.length === 0 ? undefined : Object.fromEntries(reacted.map(([emoji, users]) => [emoji, [...users]])),
    interactions: reactions.length === 0 && !restrict_reactions
      ? undefined
      : present({ reactions: [...reactions], restrict_reactions: ifTrue(restrict_reactions) }),
    masquerade: message.masquerade === undefined ? undefined : present({ ...message.masquerade }),
    pinned: ifTrue(message.pinned),
    flags: ifNonZero(message.flags)
  })
}
