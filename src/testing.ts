export * from "./testing/MockHttp.js"
export {
  defaultRateLimits, type FakeAccount, type FakeRelation, type FakeSettings, type FakeState
} from "./testing/fake/FakeState.js"
export * from "./testing/fake/StoatFake.js"
export * from "./testing/fake/StoatFakeSeed.js"
export * from "./testing/fake/demoSeed.js"
export type { FakeRequest, FakeResponse } from "./testing/fake/http.js"
export type { FakeAccountView, FakeStateView } from "./testing/fake/view.js"
export type * from "./testing/fake/records.js"
export * from "./testing/fake/events/FakeEvents.js"
export * from "./testing/fake/events/FakeWebSocket.js"
export * from "./testing/fake/events/inProcess.js"
