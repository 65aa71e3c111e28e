// How many app users each filter value keeps, worked out from the users grouped by status, access
// and media source: each filter's counts under the other filters' values, as the Store page's
// review filters count. Pure, so the unit tests read it.
import type { AppUserCounts, AppUserQuery, FilterCount } from "./types";

export interface AppUserGroup {
  status: string;
  hasAccess: boolean;
  source: string | null;
  count: number;
}

type Filters = Pick<AppUserQuery, "status" | "access" | "source">;

/** Every value present is listed, in the order of its users in the whole project (so options keep their place). */
export function countsOf(groups: AppUserGroup[], query: Filters): AppUserCounts {
  const keepsStatus = (group: AppUserGroup) => query.status === undefined || group.status === query.status;
  const keepsAccess = (group: AppUserGroup) => query.access === "any" || group.hasAccess === (query.access === "yes");
  const keepsSource = (group: AppUserGroup) => query.source === undefined || group.source === query.source;
  const sum = (under: (group: AppUserGroup) => boolean) => groups.reduce((total, group) => total + (under(group) ? group.count : 0), 0);
  const tally = <Value extends string | null>(valueOf: (group: AppUserGroup) => Value, under: (group: AppUserGroup) => boolean): Array<FilterCount<Value>> => {
    const counts = new Map<Value, { count: number; all: number }>();
    for (const group of groups) {
      const value = counts.get(valueOf(group)) ?? { count: 0, all: 0 };
      counts.set(valueOf(group), { count: value.count + (under(group) ? group.count : 0), all: value.all + group.count });
    }
    return [...counts]
      .sort(([a, x], [b, y]) => y.all - x.all || (a ?? "").localeCompare(b ?? "", "en"))
      .map(([value, { count }]) => ({ value, count }));
  };
  const forStatus = (group: AppUserGroup) => keepsAccess(group) && keepsSource(group);
  const forAccess = (group: AppUserGroup) => keepsStatus(group) && keepsSource(group);
  const forSource = (group: AppUserGroup) => keepsStatus(group) && keepsAccess(group);
  return {
    status: { any: sum(forStatus), values: tally((group) => group.status, forStatus) },
    access: { any: sum(forAccess), yes: sum((group) => forAccess(group) && group.hasAccess), no: sum((group) => forAccess(group) && !group.hasAccess) },
    source: { any: sum(forSource), values: tally((group) => group.source, forSource) },
    matching: sum((group) => forSource(group) && keepsSource(group)),
  };
}
