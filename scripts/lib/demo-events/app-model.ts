// What the demo apps are: a photo app on iOS and Android with three releases, seven screens, an
// onboarding and a purchase funnel. The generator walks people through it (generate.ts).

export type DemoPlatform = "apple" | "android";

export interface Release {
  version: string;
  /** Days after the first generated day it reached the store (negative: before the window). */
  day: number;
}

export interface PlatformProfile {
  releases: readonly Release[];
  /** Sessions on the first day; traffic grows by about half over the window. */
  sessionsPerDay: number;
  /** Median cold-start time of app-launch, before 1.2.0 made it faster. */
  launchMedianMs: number;
  osVersions: readonly string[];
  devices: readonly string[];
  /** First app user number; iOS users are odd, Android users even (user_00001, user_00002…). */
  firstUser: number;
}

export const platformProfiles: Record<DemoPlatform, PlatformProfile> = {
  apple: {
    releases: [
      { version: "1.0.0", day: -40 },
      { version: "1.1.0", day: 27 },
      { version: "1.2.0", day: 60 },
    ],
    sessionsPerDay: 20,
    launchMedianMs: 640,
    osVersions: ["iOS 17.6.1", "iOS 18.1", "iOS 18.2", "iOS 18.3.1"],
    devices: ["iPhone14,5", "iPhone15,2", "iPhone15,4", "iPhone16,1", "iPhone17,3", "iPad13,18"],
    firstUser: 1,
  },
  android: {
    releases: [
      { version: "1.0.0", day: -35 },
      { version: "1.1.0", day: 30 },
      { version: "1.2.0", day: 63 },
    ],
    sessionsPerDay: 15,
    launchMedianMs: 1050,
    osVersions: ["Android 12", "Android 13", "Android 14", "Android 15"],
    devices: ["Pixel 7", "Pixel 8a", "SM-S918B", "SM-A546B", "moto g84 5G", "2312DRA50G"],
    firstUser: 2,
  },
};

export const screens = ["Home", "Gallery", "PhotoDetail", "Upload", "Profile", "Settings", "Paywall"] as const;
export type Screen = (typeof screens)[number];

/** Where a person goes from each screen; null ends the session. */
export const transitions: Record<Screen, ReadonlyArray<readonly [Screen | null, number]>> = {
  Home: [["Gallery", 35], ["Upload", 20], ["Profile", 10], ["Paywall", 5], ["Settings", 5], [null, 25]],
  Gallery: [["PhotoDetail", 45], ["Upload", 10], ["Home", 15], [null, 30]],
  PhotoDetail: [["Gallery", 40], ["Upload", 5], ["Paywall", 5], ["Home", 15], [null, 35]],
  Upload: [["Gallery", 30], ["Home", 30], [null, 40]],
  Profile: [["Settings", 30], ["Paywall", 15], ["Home", 30], [null, 25]],
  Settings: [["Home", 40], ["Profile", 20], [null, 40]],
  Paywall: [["Home", 50], [null, 50]],
};

/** What can be tapped on each screen. */
export const tapTargets: Record<Screen, readonly string[]> = {
  Home: ["upload_button", "gallery_tab", "profile_tab"],
  Gallery: ["photo_cell", "filter_chip", "select_button"],
  PhotoDetail: ["share_button", "favorite_button", "edit_button"],
  Upload: ["choose_photo", "upload_button", "cancel_button"],
  Profile: ["edit_profile", "settings_button", "upgrade_banner"],
  Settings: ["notifications_toggle", "dark_mode_toggle", "sign_out"],
  Paywall: ["plan_annual", "plan_monthly", "close_button"],
};

export interface FunnelStep {
  step: string;
  /** The chance someone who reached the step before reaches this one. */
  reach: number;
}

// A new user's first session. 1.2.0 brought Sign in with Apple / Google: more finish the account step.
export const onboarding = {
  funnel: "onboarding",
  steps: [
    { step: "welcome", reach: 1 },
    { step: "permissions", reach: 0.84 },
    { step: "create_account", reach: 0.68 },
    { step: "first_upload", reach: 0.66 },
  ] satisfies FunnelStep[],
  createAccountReachFrom120: 0.8,
} as const;

// Opening the paywall; the checkout itself is a web view (the one JavaScript error lives there).
export const purchase = {
  funnel: "purchase",
  steps: [
    { step: "paywall_viewed", reach: 1 },
    { step: "plan_selected", reach: 0.45 },
    { step: "checkout_started", reach: 0.62 },
    { step: "purchase_completed", reach: 0.72 },
  ] satisfies FunnelStep[],
} as const;
