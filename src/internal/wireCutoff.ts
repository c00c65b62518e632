import type { HttpClient, HttpClientRequest } from "@effect/platform"

/**
 * How the pipeline cuts off one attempt whose wire time is spent, when its transport can stop a
 * request itself (effect-stoat/node's undici client): the transport says how, stage by stage, and
 * the request then fails as a transport failure, without a fiber per attempt to interrupt.
 */
export class WireCutoff {
  private cut: (() => void) | undefined
  private spent = false

  /** The transport's way to stop the request where it is now (the exchange, then the body). */
  onCut(cut: () => void): void {
    if (this.spent) cut()
    else this.cut = cut
  }

  /** The budget is spent: stops the request. */
  expire(): void {
    this.spent = true
    this.cut?.()
  }
}

const cutoffs = new WeakMap<HttpClientRequest.HttpClientRequest, WireCutoff>()
const cutting = new WeakSet<HttpClient.HttpClient>()

/** Marks a client that calls `onCut` with the cutoff of each request it is given. */
export const cutsOffRequests = (client: HttpClient.HttpClient): HttpClient.HttpClient => {
  cutting.add(client)
  return client
}

/** Whether `client` stops requests at their cutoff. */
export const isCuttingOff = (client: HttpClient.HttpClient): boolean => cutting.has(client)

/** Gives a request its cutoff, for the transport to find. */
export const setCutoff = (request: HttpClientRequest.HttpClientRequest, cutoff: WireCutoff): void => {
  cutoffs.set(request, cutoff)
}

/** The cutoff the pipeline gave a request, if any. */
export const cutoffOf = (request: HttpClientRequest.HttpClientRequest): WireCutoff | undefined => cutoffs.get(request)
