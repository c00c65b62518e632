/**
 * A deterministic `GET /servers/{id}/members` body, shaped as backend 0.15.1 serializes it (optional
 * keys omitted, `members` and `users` sorted by user id). The mix is a guess at a big public server:
 * few nicknames, server avatars and timeouts; half the members without roles; users with display
 * names and avatars about half the time, a status when online, a few badges and bots.
 */

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const nanoidAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

/** A seeded pseudo-random generator (mulberry32), so every run decodes the same body. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** The parsed body and its JSON text. */
export interface MembersBody {
  readonly json: string
  readonly membersJson: string
}

/** A members list of `count` members, with its JSON text and the JSON of the `members` array alone. */
export const generateMembersBody = (count: number, seed = 42): MembersBody => {
  const next = random(seed)
  const chance = (p: number) => next() < p
  const pick = <A>(values: ReadonlyArray<A>): A => values[Math.floor(next() * values.length)]!
  const chars = (alphabet: string, length: number) =>
    Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join("")
  const ulid = () => `01H${chars(crockford, 23)}`
  const iso = (from: number, span: number) => new Date(from + Math.floor(next() * span)).toISOString()
  const file = (tag: string, user: string) => ({
    _id: chars(nanoidAlphabet, 42),
    tag,
    filename: `${chars(nanoidAlphabet, 8)}.png`,
    metadata: { type: "Image", width: pick([128, 256, 512]), height: pick([128, 256, 512]), thumbhash: null, animated: null },
    content_type: "image/png",
    size: 1000 + Math.floor(next() * 400_000),
    user_id: user
  })

  const server = ulid()
  const roles = Array.from({ length: 12 }, ulid)
  const ids = Array.from({ length: count }, ulid).sort()
  const members = ids.map((user) => ({
    _id: { server, user },
    joined_at: iso(1_600_000_000_000, 150_000_000_000),
    ...(chance(0.1) ? { nickname: `nick ${chars(crockford, 6)}` } : {}),
    ...(chance(0.02) ? { avatar: file("avatars", user) } : {}),
    ...(chance(0.5) ? { roles: roles.filter(() => chance(0.15)).slice(0, 4) } : {}),
    ...(chance(0.005) ? { timeout: iso(1_800_000_000_000, 1_000_000_000) } : {}),
    ...(chance(0.005) ? { can_publish: false } : {}),
    ...(chance(0.002) ? { can_receive: false } : {})
  }))
  const users = ids.map((id) => {
    const online = chance(0.2)
    return {
      _id: id,
      username: `user_${chars(crockford, 8).toLowerCase()}`,
      discriminator: String(Math.floor(next() * 10_000)).padStart(4, "0"),
      ...(chance(0.5) ? { display_name: `Display ${chars(crockford, 5)}` } : {}),
      ...(chance(0.05) ? { pronouns: pick(["she/her", "he/him", "they/them"]) } : {}),
      ...(chance(0.5) ? { avatar: file("avatars", id) } : {}),
      ...(chance(0.05) ? { badges: pick([1, 4, 256, 260]) } : {}),
      ...(online && chance(0.6) ?
        { status: { ...(chance(0.3) ? { text: "hello there" } : {}), presence: pick(["Online", "Idle", "Busy", "Focus"]) } } :
        {}),
      ...(chance(0.01) ? { bot: { owner: ulid() } } : {}),
      relationship: chance(0.01) ? "Friend" : "None",
      online
    }
  })
  return { json: JSON.stringify({ members, users }), membersJson: JSON.stringify(members) }
}
