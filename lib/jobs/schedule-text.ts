// Schedules for people: a cron expression in words and its next occurrence, always in UTC
// (pg-boss runs every schedule in UTC). Pure; used by the dashboard and the admin CLI.
import { CronExpressionParser } from "cron-parser";
import cronstrue from "cronstrue";

export function scheduleInWords(cron: string | null): string {
  if (!cron) return "Manual: runs when triggered";
  try {
    return `${cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false })} (UTC)`;
  } catch {
    return `${cron} (UTC)`;
  }
}

export function nextOccurrence(cron: string, after: Date = new Date()): Date | null {
  try {
    return CronExpressionParser.parse(cron, { tz: "UTC", currentDate: after }).next().toDate();
  } catch {
    return null;
  }
}
