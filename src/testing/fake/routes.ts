import type { Route } from "./router.js"
import { inviteRoutes } from "./routes/invites.js"
import { memberEditRoutes } from "./routes/memberEdit.js"
import { moderationRoutes } from "./routes/moderation.js"
import { rootRoutes } from "./routes/root.js"
import { serverRoutes } from "./routes/servers.js"

/** Every route the fake answers. */
export const routes: ReadonlyArray<Route> = [
  ...rootRoutes,
  ...inviteRoutes,
  ...serverRoutes,
  ...memberEditRoutes,
  ...moderationRoutes
]
