import { json } from "../http.js"
import type { PublicContext, Route } from "../router.js"
import { answer } from "./common.js"

/** The events socket: on a served fake, at the host and port the request came to. */
const eventsUrl = (host: string | undefined) => (host === undefined ? "wss://events.fake.stoat" : `ws://${host}/events`)

/** `GET /`: the instance's configuration (reference §9). */
const root = ({ state, request }: PublicContext) => {
  const { settings } = state
  const limits = (servers: number) => ({
    outgoing_friend_requests: 10,
    bots: 5,
    message_length: settings.messageLength,
    message_attachments: settings.attachments,
    servers,
    voice_quality: 16000,
    video: true,
    video_resolution: [1280, 720],
    video_aspect_ratio: [0.3, 2.5],
    file_upload_size_limits: { attachments: 20000000, avatars: 4000000, backgrounds: 6000000, icons: 2500000, banners: 6000000, emojis: 500000 }
  })
  return answer(json(200, {
    revolt: "0.15.1",
    features: {
      captcha: { enabled: false, key: "" },
      email: false,
      invite_only: false,
      autumn: { enabled: true, url: settings.autumnUrl },
      january: { enabled: false, url: "" },
      livekit: {
        enabled: settings.voice,
        nodes: settings.livekitNodes.map((name) => ({ name, lat: 0, lon: 0, public_url: `wss://${name}.livekit.fake.stoat` }))
      },
      limits: {
        global: {
          group_size: settings.groupSize,
          message_embeds: 5,
          message_replies: 5,
          message_reactions: 20,
          server_emoji: 100,
          server_roles: 200,
          server_channels: 200,
          body_limit_size: 20000000,
          restrict_server_creation: [],
          new_user_hours: settings.newUserHours
        },
        new_user: limits(settings.newUserServers),
        default: limits(settings.servers)
      }
    },
    ws: eventsUrl(request.headers["host"]),
    app: "https://app.fake.stoat",
    vapid: "",
    build: { commit_sha: "fake", commit_timestamp: "", semver: "0.15.1", origin_url: "", timestamp: "" }
  }))
}

export const rootRoutes: ReadonlyArray<Route> = [{ method: "GET", path: "/", auth: false, handle: root }]
