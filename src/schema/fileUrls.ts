import { Option } from "effect"
import type { File } from "./File.js"
import type { Member } from "./Member.js"
import type { User } from "./User.js"
import type { UserId } from "./Ids.js"
import { idOf } from "../internal/input.js"
import { withoutTrailingSlashes } from "../internal/url.js"

/** The official instance's API. */
export const defaultBaseUrl = "https://api.stoat.chat"

/** Where a file is served: `{file server}/{tag}/{id}` (the file server is `GET /`'s `features.autumn.url`). */
export const fileUrl = (file: File, fileServerUrl: string): string =>
  `${withoutTrailingSlashes(fileServerUrl)}/${encodeURIComponent(file.tag)}/${encodeURIComponent(file.id)}`

/** The seed's `avatar` as a URL: the user's own avatar. */
export const avatarUrl = (user: User, fileServerUrl: string): Option.Option<string> =>
  Option.map(user.avatar, (file) => fileUrl(file, fileServerUrl))

/** The seed's `server_avatar` as a URL: the avatar the member set for this server. */
export const serverAvatarUrl = (member: Member, fileServerUrl: string): Option.Option<string> =>
  Option.map(member.avatar, (file) => fileUrl(file, fileServerUrl))

/** The seed's `default_avatar_url`: `GET /users/{id}/default_avatar` on the API (no token needed). */
export const defaultAvatarUrl = (user: User | { readonly id: { readonly user: UserId } }, apiBaseUrl = defaultBaseUrl): string =>
  `${withoutTrailingSlashes(apiBaseUrl)}/users/${encodeURIComponent(idOf(user))}/default_avatar`
