/**
 * Engagement events around the purchases: weekly e-mail campaigns to subscribers with
 * customer-level open/click propensities, site visits (background browsing while the customer
 * is alive, plus sessions just before web/app orders and after e-mail clicks), and support
 * tickets that follow returns. Events never feed back into purchases, so the BG/NBD truth holds.
 */
import { Rng, mix32 } from './random';
import { beta, exponential, poisson } from './distributions';
import { STREAM, type Latent, type PurchaseHistory } from './purchases';
import { DEMO_TRUE_PARAMETERS } from './parameters';
import { DAY, HOUR, WEEK, weekday } from './time';
import type { SimulationContext } from './context';
import type { Channel, Order } from './customer';

export type EventType = 'email_sent' | 'email_open' | 'email_click' | 'site_visit' | 'support_ticket';
export type EventChannel = 'email' | 'web' | 'app' | 'service';

export interface DemoEvent {
  /** Seconds (naive timestamp). */
  readonly at: number;
  readonly event: EventType;
  readonly channel: EventChannel;
}

export interface EngagementInput {
  readonly latent: Latent;
  readonly history: PurchaseHistory;
  readonly home: Channel;
  readonly orders: readonly Order[];
}

const SUBSCRIBE: Record<Channel, number> = { web: 0.4, store: 0.2, app: 0.35 };
/** Chance, per e-mail received, of unsubscribing. */
const UNSUBSCRIBE = 0.015;
/** Subscribers who have not bought for this long are suppressed ("sunset" rule). */
const SUNSET = 13 * WEEK;
/** Campaigns go out on Tuesdays (weekday 1) at 10:00 plus a per-campaign delay. */
const SEND_WEEKDAY = 1;
const SEND_HOUR = 10;

/** Send time of the campaign of week `week`: the same moment for every customer. */
function campaignAt(ctx: SimulationContext, week: number): number {
  const delay = mix32((ctx.seedHash ^ mix32(week >>> 0)) >>> 0) % 1800; // up to 30 minutes late
  return week * WEEK + (SEND_WEEKDAY - weekday(0)) * DAY + SEND_HOUR * HOUR + delay;
}

/** The first campaign week whose send time is at or after t. */
function firstCampaignWeek(ctx: SimulationContext, t: number): number {
  let week = Math.floor(t / WEEK) - 1;
  while (campaignAt(ctx, week) < t) week++;
  return week;
}

export function simulateEvents(ctx: SimulationContext, index: number, input: EngagementInput): DemoEvent[] {
  const rng = Rng.keyed(ctx.options.seed, index, STREAM.events);
  const { latent, history, home, orders } = input;
  const events: DemoEvent[] = [];
  const push = (at: number, event: EventType, channel: EventChannel): void => {
    if (at >= ctx.start && at < ctx.end) events.push({ at, event, channel });
  };
  const webChannel: EventChannel = home === 'app' ? 'app' : 'web';
  // Heavier buyers open more: propensity scaled by λ relative to its mean, so engagement
  // carries signal about value without influencing the purchase process.
  const meanLambda = DEMO_TRUE_PARAMETERS.expected.purchaseRatePerWeek;
  const openRate = Math.min(0.95, beta(rng, 1.5, 4) * (0.6 + (0.8 * latent.lambda) / (latent.lambda + meanLambda)));
  const clickRate = beta(rng, 1.2, 8);

  // E-mail: weekly campaigns from the first purchase (opt-in at checkout) until unsubscribing.
  if (rng.chance(SUBSCRIBE[home])) {
    const purchases = history.times;
    let next = 0; // purchases[next - 1] is the latest purchase before the send
    for (let week = firstCampaignWeek(ctx, history.times[0]); ; week++) {
      const sent = campaignAt(ctx, week);
      if (sent >= ctx.end) break;
      while (next < purchases.length && purchases[next] <= sent) next++;
      if (sent - purchases[next - 1] > SUNSET) continue;
      push(sent, 'email_sent', 'email');
      if (rng.chance(openRate)) {
        const opened = sent + Math.min(exponential(rng, 1 / 5), 24 * 7) * HOUR;
        push(opened, 'email_open', 'email');
        if (rng.chance(clickRate)) {
          const clicked = opened + 5 + exponential(rng, 1 / 90);
          push(clicked, 'email_click', 'email');
          push(clicked + 2 + rng.int(20), 'site_visit', webChannel);
        }
      }
      if (rng.chance(UNSUBSCRIBE)) break;
    }
  }

  // Background browsing while alive, in operational time so visits follow the daily rhythm.
  const visitRate = 0.3 * latent.lambda + 0.005; // per week
  const stopU = ctx.warp.toOperational(history.dropoutAt ?? ctx.end);
  for (let u = ctx.warp.toOperational(history.times[0]); ; ) {
    u += exponential(rng, visitRate) * WEEK;
    if (u >= stopU) break;
    push(ctx.warp.toCalendar(u), 'site_visit', webChannel);
  }

  for (const order of orders) {
    if (order.kind === 'purchase') {
      if (order.channel === 'store') {
        // Some store shoppers look online first.
        if (rng.chance(0.25)) push(order.at - (1 + exponential(rng, 1 / 30)) * HOUR, 'site_visit', 'web');
      } else {
        // The session in which the order was placed, then earlier research visits.
        push(order.at - (2 + rng.int(25)) * 60, 'site_visit', order.channel);
        const earlier = poisson(rng, 0.6);
        for (let j = 0; j < earlier; j++) push(order.at - (1 + Math.min(exponential(rng, 1 / 18), 24 * 10)) * HOUR, 'site_visit', order.channel);
        // Delivery questions now and then.
        if (rng.chance(0.015)) push(order.at + (1 + exponential(rng, 1 / 3)) * DAY, 'support_ticket', 'service');
      }
    } else if (rng.chance(0.35)) {
      // Returns bring tickets, mostly within a couple of days.
      push(order.at + Math.min(exponential(rng, 1 / 1.5), 20) * DAY, 'support_ticket', 'service');
    }
  }
  events.sort((x, y) => x.at - y.at);
  return events;
}
