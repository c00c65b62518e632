import { StoatFakeSeed } from "./StoatFakeSeed.js"

const bit = (index: number) => 2 ** index
const ManageServer = bit(1)
const KickMembers = bit(6)
const BanMembers = bit(7)
const TimeoutMembers = bit(8)
const AssignRoles = bit(9)
const ManageNicknames = bit(11)

/**
 * A realistic small instance for demos and tests: the server "Stoat Lovers" (owner `owner`) with
 * the roles Admin (rank 0), Mod (rank 1) and Member (rank 5), a text channel `general` and a voice
 * channel `lounge`; `alice` (Mod), `bob` (Member) and the bot `modbot` (Admin) are members,
 * `carol` is not, `mallory` is banned; invites `aB3dE5fG` (to general, by alice) and `Gh7jK9mN`
 * (to bob's group `friends`); alice and bob are friends.
 */
export const demoSeed: StoatFakeSeed = StoatFakeSeed.make()
  .user("owner", { token: "demo-owner-token" })
  .user("alice", { token: "demo-alice-token", displayName: "Alice" })
  .user("bob", { token: "demo-bob-token" })
  .user("carol", { token: "demo-carol-token" })
  .user("mallory", { token: "demo-mallory-token" })
  .bot("modbot", { owner: "owner", token: "demo-modbot-token" })
  .server("lovers", {
    owner: "owner",
    name: "Stoat Lovers",
    roles: {
      admin: { name: "Admin", rank: 0, allow: ManageServer + KickMembers + BanMembers + TimeoutMembers + AssignRoles + ManageNicknames },
      mod: { name: "Mod", rank: 1, allow: KickMembers + BanMembers + TimeoutMembers + ManageNicknames },
      member: { name: "Member", rank: 5 }
    }
  })
  .channel("general", { server: "lovers" })
  .channel("lounge", { server: "lovers", voice: { maxUsers: 10 } })
  .member("lovers", "alice", { roles: ["mod"], nickname: "Al" })
  .member("lovers", "bob", { roles: ["member"] })
  .member("lovers", "modbot", { roles: ["admin"] })
  .ban("lovers", "mallory", "spam")
  .invite("aB3dE5fG", { channel: "general", creator: "alice" })
  .group("friends", { owner: "bob", members: ["alice"] })
  .invite("Gh7jK9mN", { channel: "friends", creator: "bob" })
  .friends("alice", "bob")
  .message("hello", { channel: "general", author: "alice", content: "Welcome to Stoat Lovers!" })
  .message("reply", { channel: "general", author: "bob", content: "Glad to be here." })
