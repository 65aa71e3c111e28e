// The App Store storefronts app_store_ratings_sync reads, one iTunes Lookup country each. Apple
// markets the App Store in 175 countries and regions but publishes no list of codes, so this one is
// a third-party storefront map of 184 (INTEGRATIONS.md §3) without the 9 least likely to be App
// Store storefronts. Exact membership is unconfirmed: ITUNES_STOREFRONTS replaces the list.
import { env } from "@/lib/env";

// Dropped from the 184: ad, bd, cf, et, gn, li, mc, ps, ws (no App Store territory in App Store
// Connect's availability list as far as we know; a storefront missing here can be set by hand).
export const marketedStorefronts: readonly string[] = Object.freeze([
  "ae", "af", "ag", "ai", "al", "am", "ao", "ar", "at", "au", "az",
  "ba", "bb", "be", "bf", "bg", "bh", "bj", "bm", "bn", "bo", "br", "bs", "bt", "bw", "by", "bz",
  "ca", "cd", "cg", "ch", "ci", "cl", "cm", "cn", "co", "cr", "cv", "cy", "cz",
  "de", "dk", "dm", "do", "dz",
  "ec", "ee", "eg", "es",
  "fi", "fj", "fm", "fr",
  "ga", "gb", "gd", "ge", "gh", "gm", "gr", "gt", "gw", "gy",
  "hk", "hn", "hr", "hu",
  "id", "ie", "il", "in", "iq", "is", "it",
  "jm", "jo", "jp",
  "ke", "kg", "kh", "kn", "kr", "kw", "ky", "kz",
  "la", "lb", "lc", "lk", "lr", "lt", "lu", "lv", "ly",
  "ma", "md", "me", "mg", "mk", "ml", "mm", "mn", "mo", "mr", "ms", "mt", "mu", "mv", "mw", "mx", "my", "mz",
  "na", "ne", "ng", "ni", "nl", "no", "np", "nr", "nz",
  "om",
  "pa", "pe", "pg", "ph", "pk", "pl", "pt", "pw", "py",
  "qa",
  "ro", "rs", "ru", "rw",
  "sa", "sb", "sc", "se", "sg", "si", "sk", "sl", "sn", "sr", "st", "sv", "sz",
  "tc", "td", "th", "tj", "tm", "tn", "to", "tr", "tt", "tw", "tz",
  "ua", "ug", "us", "uy", "uz",
  "vc", "ve", "vg", "vn", "vu",
  "xk",
  "ye",
  "za", "zm", "zw",
]);

/** The storefronts to read: ITUNES_STOREFRONTS when set, otherwise every marketed one. */
export function storefronts(): string[] {
  return env.ITUNES_STOREFRONTS ?? [...marketedStorefronts];
}
