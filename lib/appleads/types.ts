// The Campaign Management API's shapes that the product reads (INTEGRATIONS.md §4). Fields the
// product never uses are left out; every response arrives in the `{ data, pagination, error }`
// envelope.
import type { Money } from "./money";

export interface Pagination {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
}

export interface Envelope<T> {
  data: T;
  pagination: Pagination | null;
  error: { errors: Array<{ messageCode: string; message: string; field?: string }> } | null;
}

export interface AppleAdsOrg {
  orgId: number;
  orgName: string;
  currency: string;
  timeZone: string;
  roleNames: string[];
}

export interface Campaign {
  id: number;
  orgId: number;
  name: string;
  adamId: number;
  status: string;
  servingStatus?: string;
  displayStatus?: string;
  deleted?: boolean;
}

export interface AdGroup {
  id: number;
  campaignId: number;
  name: string;
  status: string;
  displayStatus?: string;
  deleted?: boolean;
}

/** One report row's metrics (SpendRow). Older API versions sent `installs` instead of the tap/view split. */
export interface SpendRow {
  impressions?: number;
  taps?: number;
  totalInstalls?: number;
  tapInstalls?: number;
  viewInstalls?: number;
  installs?: number;
  localSpend?: Money;
}

export interface CampaignRowMetadata {
  campaignId: number;
  campaignName: string;
  campaignStatus?: string;
  displayStatus?: string;
  deleted?: boolean;
  app?: { appName?: string; adamId: number };
  orgId?: number;
}

export interface AdGroupRowMetadata {
  adGroupId: number;
  adGroupName: string;
  campaignId: number;
  adGroupStatus?: string;
  adGroupDisplayStatus?: string;
  deleted?: boolean;
}

export interface ReportRow<Metadata> {
  other?: boolean;
  metadata: Metadata;
  total?: SpendRow;
}

export interface ReportResponse<Metadata> {
  reportingDataResponse: { row: Array<ReportRow<Metadata>> };
}

/** A report's date range, both ends included, as Apple's `YYYY-MM-DD`. */
export interface ReportRange {
  startTime: string;
  endTime: string;
}
