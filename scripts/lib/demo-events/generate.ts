// The demo traffic (issue 11): about three months of sessions for each demo app, from app users
// who join, come back, update to each release a few days after it ships, and sometimes pay.
// Pure: the same apps, seed and clock give the same items, ids included, so a batch resent in the
// same hour counts as duplicates.
import type { IngestItemInput } from "@/lib/events/schemas";
import { platformProfiles, type DemoPlatform, type PlatformProfile, type Release } from "./app-model";
import { prng, type Prng } from "./prng";
import { generateSession, type DemoAttachment, type SessionUser } from "./session";

export type { DemoAttachment } from "./session";

/** Inside the 90-day default retention of events, with room for a clock that runs a little ahead. */
export const DEMO_EVENT_DAYS = 85;
export const DEMO_EVENT_SEED = 11;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
// Sessions start more often in the (European and American) evening.
const hourWeights = [3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 9, 9, 8, 7, 5, 4].map((weight, hour) => [hour, weight] as const);
const locales = ["en-US", "en-US", "en-GB", "de-DE", "fr-FR", "ja-JP", "pt-BR", "es-ES"];
const developers = ["dev_avery", "dev_morgan", "dev_sam"];

export interface DemoApp {
  id: string;
  platform: string;
}

export interface DemoTraffic {
  /** Every item, oldest first. */
  items: IngestItemInput[];
  attachments: DemoAttachment[];
}

export interface GenerateOptions {
  apps: readonly DemoApp[];
  now: Date;
  seed?: number;
  days?: number;
}

interface AppUser extends SessionUser {
  joinedMs: number;
  /** How many days after a release this person updates. */
  lagDays: number;
  engagement: number;
}

/** The traffic of the apps whose platform the demo knows (apple, android); others get none. */
export function generateDemoTraffic({ apps, now, seed = DEMO_EVENT_SEED, days = DEMO_EVENT_DAYS }: GenerateOptions): DemoTraffic {
  const endMs = Math.floor(now.getTime() / HOUR) * HOUR;
  const startMs = endMs - days * DAY;
  const items: IngestItemInput[] = [];
  const attachments: DemoAttachment[] = [];
  apps.forEach((app, index) => {
    if (!(app.platform in platformProfiles)) return;
    const traffic = appTraffic(app.id, app.platform as DemoPlatform, prng(seed * 7919 + index), startMs, endMs);
    items.push(...traffic.items);
    attachments.push(...traffic.attachments);
  });
  // toISOString's fixed shape sorts as text; the sort is stable, so a session keeps its order within a millisecond.
  items.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { items, attachments };
}

function appTraffic(appId: string, platform: DemoPlatform, random: Prng, startMs: number, endMs: number): DemoTraffic {
  const profile = platformProfiles[platform];
  const firstDayMs = Math.floor(startMs / DAY) * DAY;
  const releaseMs = (release: Release) => firstDayMs + release.day * DAY + 17 * HOUR;
  // Everyone who ever installed gets a number, including those who left during onboarding.
  let installs = 0;
  const newUser = (joinedMs: number): AppUser => {
    const number = profile.firstUser + 2 * installs++;
    return {
      id: `user_${String(number).padStart(5, "0")}`,
      os: random.pick(profile.osVersions),
      device: random.pick(profile.devices),
      locale: random.pick(locales),
      pro: random.chance(0.08),
      joinedMs,
      lagDays: Math.min(random.lognormal(2, 1), 40),
      engagement: random.lognormal(1, 0.9),
    };
  };
  // The people who come back. Those who installed before the window are on 1.0.0 and onboarded.
  const users: AppUser[] = [];
  for (let index = 0; index < profile.sessionsPerDay * 6; index += 1) users.push(newUser(startMs - random.int(1, 30) * DAY));

  // A person runs the newest release out `lagDays` before now, or the one they installed.
  const versionOf = (user: AppUser, atMs: number) => {
    let version = profile.releases[0]!.version;
    for (const release of profile.releases) {
      const out = releaseMs(release);
      if (atMs >= out && (user.joinedMs >= out || atMs >= out + user.lagDays * DAY)) version = release.version;
    }
    return version;
  };
  // Developers run the coming release in the ten days before it ships.
  const developmentVersion = (atMs: number) => {
    const coming = profile.releases.find((release) => releaseMs(release) > atMs && releaseMs(release) - atMs < 10 * DAY);
    return (coming ?? profile.releases.filter((release) => releaseMs(release) <= atMs).at(-1) ?? profile.releases[0]!).version;
  };

  const items: IngestItemInput[] = [];
  const attachments: DemoAttachment[] = [];
  for (let dayMs = firstDayMs; dayMs < endMs; dayMs += DAY) {
    const day = (dayMs - firstDayMs) / DAY;
    const weekend = [0, 6].includes(new Date(dayMs).getUTCDay());
    const justReleased = profile.releases.some((release) => day >= release.day && day < release.day + 3);
    const growth = 1 + (0.5 * (dayMs - firstDayMs)) / (endMs - firstDayMs);
    const count = Math.round(profile.sessionsPerDay * growth * (weekend ? 1.2 : 1) * (justReleased ? 1.15 : 1) * random.lognormal(1, 0.12));
    const starts = Array.from({ length: count }, () => dayMs + random.weighted(hourWeights) * HOUR + random.int(0, HOUR - 1))
      .filter((ms) => ms >= startMs && ms < endMs)
      .sort((a, b) => a - b);
    for (const sessionStart of starts) {
      const development = random.chance(0.02);
      const joining = !development && random.chance(0.12);
      const user: AppUser = development ? developerUser(random, profile, random.pick(developers)) : joining ? newUser(sessionStart) : returningUser(random, users);
      const session = generateSession({
        random,
        appId,
        platform,
        user,
        version: development ? developmentVersion(sessionStart) : versionOf(user, sessionStart),
        environment: development ? "development" : "production",
        startMs: sessionStart,
        endMs,
        launchMedianMs: profile.launchMedianMs,
        firstSession: joining,
        attachmentRate: 0.12,
      });
      if (joining && session.retained) users.push(user);
      items.push(...session.items);
      attachments.push(...session.attachments);
    }
  }
  return { items, attachments };
}

function developerUser(random: Prng, profile: PlatformProfile, id: string): AppUser {
  return { id, os: profile.osVersions.at(-1)!, device: profile.devices[0]!, locale: "en-US", pro: random.chance(0.5), joinedMs: 0, lagDays: 0, engagement: 1 };
}

// The more engaged come back more often.
function returningUser(random: Prng, users: AppUser[]): AppUser {
  let left = random.next() * users.reduce((sum, user) => sum + user.engagement, 0);
  for (const user of users) {
    left -= user.engagement;
    if (left < 0) return user;
  }
  return users[users.length - 1]!;
}
