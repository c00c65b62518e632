import type { Route } from "./router.js"
import { channelRoutes } from "./routes/channels.js"
import { inviteRoutes } from "./routes/invites.js"
import { leaveServerRoutes } from "./routes/leaveServer.js"
import { memberEditRoutes } from "./routes/memberEdit.js"
import { messageSendRoutes } from "./routes/messageSend.js"
import { messageRoutes } from "./routes/messages.js"
import { moderationRoutes } from "./routes/moderation.js"
import { rootRoutes } from "./routes/root.js"
import { safetyRoutes } from "./routes/safety.js"
import { serverRoutes } from "./routes/servers.js"
import { userRoutes } from "./routes/users.js"

/** Every route the fake answers. */
export const routes: ReadonlyArray<Route> = [
  ...rootRoutes,
  ...inviteRoutes,
  ...serverRoutes,
  ...leaveServerRoutes,
  ...memberEditRoutes,
  ...moderationRoutes,
  ...userRoutes,
  ...channelRoutes,
  ...messageRoutes,
  ...messageSendRoutes,
  ...safetyRoutes
]
