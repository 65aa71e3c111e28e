// Deterministic Analytics Reports data for a sandbox app (INTEGRATIONS.md §5): for each of the four
// Standard reports, one DAILY instance per processing date over the last 35 days. An instance
// processed on day D covers D-1, D-2 and D-3 (late data), with the younger dates revised upwards
// in later instances, so a date appears in three instances with different values. Rows carry the
// real headers and realistic values: weekly seasonality, a trend, noise, five territories, several
// dimension values, each (date, territory, dimensions) split over two app versions.
import { createHash } from "node:crypto";
import { random } from "../random";

export type SandboxAnalyticsKind = "discovery_engagement" | "downloads" | "sessions" | "purchases";

export interface SandboxAnalyticsInstance {
  kind: SandboxAnalyticsKind;
  processingDate: string;
  /** Header → cell, in `columns` order when written. */
  rows: Array<Record<string, string>>;
  /** The header order of this instance's files (Apple may reorder columns). */
  columns: string[];
  segmentCount: number;
}

export interface SandboxAnalyticsData {
  appId: string;
  /** The UTC day the data was generated for (processing dates run up to the day before). */
  today: string;
  names: Record<SandboxAnalyticsKind, string>;
  /** Newest processing date first, per kind. */
  instances: SandboxAnalyticsInstance[];
}

export const ANALYTICS_DAYS = 35;
/** How much of a date's final value an instance processed `lag` days later holds. */
const revision: Record<number, number> = { 1: 0.82, 2: 0.95, 3: 1 };
const territories: Array<[string, number]> = [["US", 1], ["GB", 0.35], ["DE", 0.3], ["FR", 0.25], ["JP", 0.4]];
// Sunday first, as Date.getUTCDay counts: weekends are busier.
const weekly = [1.25, 0.9, 0.85, 0.9, 0.95, 1.05, 1.3];
const appVersions: Array<[string, number]> = [["2.2.0", 0.3], ["2.3.0", 0.7]];

interface KindSpec {
  columns: string[];
  /** Dimension columns with their values and weights; every combination is a row. */
  dimensions: Record<string, Array<[string, number]>>;
  /** Measure column → its daily US level and how to derive it from the row's base value. */
  measures: (base: number, noise: () => number) => Record<string, string>;
  level: number;
}

const devices: Array<[string, number]> = [["iPhone", 0.8], ["iPad", 0.2]];
const sources: Array<[string, number]> = [["App Store search", 0.6], ["App Store browse", 0.4]];
const int = (value: number) => String(Math.max(0, Math.round(value)));

const kinds: Record<SandboxAnalyticsKind, KindSpec> = {
  discovery_engagement: {
    columns: ["Date", "App Name", "App Apple Identifier", "Event", "Page Type", "Source Type", "Engagement Type", "Device", "Platform Version", "Territory", "Counts", "Unique Counts"],
    dimensions: { Event: [["Impression", 1], ["Page view", 0.25], ["Tap", 0.1]], "Source Type": sources, Device: devices },
    measures: (base, noise) => ({ Counts: int(base), "Unique Counts": int(base * (0.7 + 0.1 * noise())) }),
    level: 900,
  },
  downloads: {
    columns: ["Date", "App Name", "App Apple Identifier", "Download Type", "App Version", "Device", "Platform Version", "Source Type", "Page Type", "Pre-Order", "Territory", "Counts"],
    dimensions: { "Download Type": [["First-time download", 0.75], ["Redownload", 0.25]], "Source Type": [...sources, ["Web referrer", 0.15]], Device: devices },
    measures: (base) => ({ Counts: int(base) }),
    level: 160,
  },
  sessions: {
    columns: ["Date", "App Name", "App Apple Identifier", "App Version", "Device", "Platform Version", "Source Type", "Page Type", "App Download Date", "Territory", "Sessions", "Total Session Duration", "Unique Devices"],
    dimensions: { "Source Type": sources, Device: devices },
    measures: (base, noise) => ({ Sessions: int(base), "Total Session Duration": int(base * (180 + 60 * noise())), "Unique Devices": int(base * (0.35 + 0.1 * noise())) }),
    level: 1400,
  },
  purchases: {
    columns: ["Date", "App Name", "App Apple Identifier", "Purchase Type", "Content Name", "Content Apple Identifier", "Payment Method", "Device", "Platform Version", "Source Type", "Page Type", "App Download Date", "Pre-Order", "Territory", "Purchases", "Proceeds in USD", "Sales in USD", "Paying Users"],
    dimensions: { "Content Name": [["Pro Monthly", 0.7], ["Pro Yearly", 0.3]], Device: devices },
    measures: (base, noise) => {
      const purchases = Math.max(0, Math.round(base));
      const price = 4.99 + 20 * noise();
      return { Purchases: String(purchases), "Proceeds in USD": (purchases * price * 0.7).toFixed(2), "Sales in USD": (purchases * price).toFixed(2), "Paying Users": String(purchases) };
    },
    level: 14,
  },
};

const DAY_MS = 86_400_000;
const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A number in [0, 1) fixed by the parts, so any value can be recomputed on its own. */
function draw(...parts: Array<string | number>): number {
  const digest = createHash("sha1").update(parts.join("|")).digest();
  return random(digest.readUInt32LE(0))();
}

function combinations(dimensions: KindSpec["dimensions"]): Array<Array<[string, string, number]>> {
  let combos: Array<Array<[string, string, number]>> = [[]];
  for (const [column, values] of Object.entries(dimensions)) {
    combos = combos.flatMap((combo) => values.map(([value, weight]) => [...combo, [column, value, weight] as [string, string, number]]));
  }
  return combos;
}

function fixedCells(kind: SandboxAnalyticsKind, appId: string, version: string, date: string): Record<string, string> {
  return {
    "App Name": "Sandbox App",
    "App Apple Identifier": appId,
    "App Version": version,
    "Platform Version": version === "2.3.0" ? "iOS 18.1" : "iOS 17.6",
    "Page Type": "Product page",
    "Engagement Type": kind === "discovery_engagement" ? "Organic" : "",
    "Pre-Order": "No",
    "Purchase Type": "Auto-renewable subscription",
    "Content Apple Identifier": "6450000001",
    "Payment Method": "Credit card",
    "Source Type": "App Store search",
    "App Download Date": date,
  };
}

export function generateAnalytics(appId: string, options: { seed?: number; today?: string } = {}): SandboxAnalyticsData {
  const seed = options.seed ?? 1;
  const today = options.today ?? dayString(Date.now());
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const firstDateMs = todayMs - (ANALYTICS_DAYS + 3) * DAY_MS;
  const scale = 0.6 + draw(appId, seed, "scale");
  const instances: SandboxAnalyticsInstance[] = [];

  for (const [kind, spec] of Object.entries(kinds) as Array<[SandboxAnalyticsKind, KindSpec]>) {
    const combos = combinations(spec.dimensions);
    for (let daysAgo = 1; daysAgo <= ANALYTICS_DAYS; daysAgo += 1) {
      const processingMs = todayMs - daysAgo * DAY_MS;
      const processingDate = dayString(processingMs);
      const rows: Array<Record<string, string>> = [];
      // Every third instance writes its columns in another order; every other one shouts its devices.
      const reordered = daysAgo % 3 === 0;
      const shouting = daysAgo % 2 === 1;
      for (let lag = 3; lag >= 1; lag -= 1) {
        const dateMs = processingMs - lag * DAY_MS;
        const date = dayString(dateMs);
        const dayIndex = (dateMs - firstDateMs) / DAY_MS;
        const day = scale * (1 + 0.008 * dayIndex) * weekly[new Date(dateMs).getUTCDay()]!;
        for (const [territory, territoryWeight] of territories) {
          for (const combo of combos) {
            for (const [version, versionWeight] of appVersions) {
              const key = [appId, seed, kind, date, territory, ...combo.map(([, value]) => value), version];
              const noise = 0.85 + 0.3 * draw(...key);
              const late = revision[lag]! * (lag === 3 ? 1 : 0.97 + 0.06 * draw(...key, lag));
              const base = spec.level * day * territoryWeight * versionWeight * combo.reduce((product, [, , weight]) => product * weight, 1) * noise * late;
              let extra = 0;
              const cells: Record<string, string> = { ...fixedCells(kind, appId, version, date), Date: date, Territory: territory };
              for (const [column, value] of combo) cells[column] = column === "Device" && shouting ? value.toUpperCase() : value;
              Object.assign(cells, spec.measures(base, () => draw(...key, "measure", (extra += 1))));
              rows.push(Object.fromEntries(spec.columns.map((column) => [column, cells[column] ?? ""])));
            }
          }
        }
      }
      const columns = reordered ? [...spec.columns.slice(3).reverse(), ...spec.columns.slice(0, 3)] : spec.columns;
      instances.push({ kind, processingDate, rows, columns, segmentCount: 2 + Math.floor(draw(appId, seed, kind, processingDate, "segments") * 3) });
    }
  }
  const downloadsName = seed % 2 === 0 ? "App Downloads Standard" : "App Store Downloads Standard";
  return {
    appId,
    today,
    names: {
      discovery_engagement: "App Store Discovery and Engagement Standard",
      downloads: downloadsName,
      sessions: "App Sessions Standard",
      purchases: "App Store Purchases Standard",
    },
    instances,
  };
}
