// The app's version as the stores know it: the latest version and where it came from, when it was
// released and last checked, the ids that find the app; and App Store Connect's versions of it.
import { Time } from "@/components/ui/time";
import type { AscVersions, StoreApp } from "@/lib/store/types";
import { AscVersionTable } from "./asc-version-table";
import { Fact, StoreSection, none } from "./store-section";
import { dayText } from "./format";

const versionSources = { app_store: "from the App Store", events: "from production events" } as const;
// Long reverse-DNS ids wrap after a dot rather than mid-word.
const breakable = (id: string) => id.split(/(?<=\.)/).flatMap((part, index) => (index === 0 ? [part] : [<wbr key={index} />, part]));
const storeIdSources = { entered: "entered in Settings", app_store: "found by App Version Sync" } as const;

export function VersionSection({ app, versions }: { app: StoreApp; versions: AscVersions }) {
  const checked = app.latestAppVersionCheckedAt && (
    <>
      checked <Time value={app.latestAppVersionCheckedAt} />
    </>
  );
  return (
    <StoreSection id="version" title="Version">
      <dl className="grid grid-cols-2 gap-x-4 gap-y-4 px-5 text-sm sm:grid-cols-3 lg:grid-cols-4">
        <Fact
          label="Latest version"
          note={
            app.latestAppVersion ? (
              // One line on wide screens; on phones each part on its own line rather than a dangling "·".
              <>
                {app.latestAppVersionSource && <span className="block sm:inline">{versionSources[app.latestAppVersionSource]}</span>}
                {app.latestAppVersionSource && checked && <span className="hidden sm:inline"> · </span>}
                {checked && <span className="block sm:inline">{checked}</span>}
              </>
            ) : (
              checked || (app.platform === "apple" ? "App Version Sync looks it up" : "Learned from production events")
            )
          }
        >
          {app.latestAppVersion ? <span className="font-mono text-base">{app.latestAppVersion}</span> : <span className="font-normal text-slate-500 dark:text-slate-400">Not known yet</span>}
        </Fact>
        <Fact label="Released">{app.latestAppVersionReleasedAt ? <time dateTime={app.latestAppVersionReleasedAt}>{dayText(app.latestAppVersionReleasedAt)}</time> : none}</Fact>
        <Fact label="App Store id" note={app.appleAppStoreId && app.appleAppStoreIdSource ? storeIdSources[app.appleAppStoreIdSource] : undefined}>
          {app.appleAppStoreId ? <span className="font-mono text-xs">{app.appleAppStoreId}</span> : none}
        </Fact>
        <Fact label={app.platform === "android" ? "Package name" : "Bundle id"}>{app.bundleId ? <span className="font-mono text-xs">{breakable(app.bundleId)}</span> : none}</Fact>
      </dl>
      {versions.versions.length > 0 && <AscVersionTable versions={versions} />}
    </StoreSection>
  );
}
