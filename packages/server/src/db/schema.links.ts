// Table types of migration 002_links (joined into DB in schema.ts).

export type LinkType = 'link' | 'product';

export interface LinksTable {
  id: string;
  accountId: string;
  slug: string;
  url: string;
  title: string;
  type: LinkType;
  position: number;
  thumbnailUrl: string | null;
  expiresAt: number | null;
  /** Set once, by the expiry scheduler, in the transaction that emits link.expired. */
  expiredAt: number | null;
  clicks: number;
  createdAt: number;
  updatedAt: number;
  /** A link's app settings (migration 012_apps): null on web-only links. */
  appId?: string | null;
  appPath?: string | null;
  /** JSON object of string params. */
  appParams?: string | null;
  appForceWeb?: number | null;
  /** 011_domains: the custom domain the link lives on (served at /{slug} there), or null. */
  domainId?: string | null;
}

export interface WidgetsTable {
  id: string;
  accountId: string;
  kind: 'mailing_list';
  title: string;
  campaignId: string | null;
  createdAt: number;
  /** The widget's optional link (migration 014); following it emits link.click with type "widget". */
  url?: string | null;
}

export interface SubscribersTable {
  id: string;
  accountId: string;
  widgetId: string;
  campaignId: string | null;
  email: string;
  createdAt: number;
}

export interface ProfileCountersTable {
  accountId: string;
  visits: number;
  clicks: number;
}

export interface DailyStatsTable {
  accountId: string;
  /** UTC date, YYYY-MM-DD. */
  day: string;
  visits: number;
  /** Every click (profile, short link, QR). */
  clicks: number;
  /** Clicks from the profile page only: the numerator of the CTR. */
  profileClicks: number;
}

export interface DailyLinkClicksTable {
  accountId: string;
  day: string;
  linkId: string;
  clicks: number;
}

export interface DailyCountriesTable {
  accountId: string;
  day: string;
  country: string;
  count: number;
}

export interface DailyReferersTable {
  accountId: string;
  day: string;
  referer: string;
  count: number;
}

export interface MilestoneSettingsTable {
  accountId: string;
  /** JSON array of positive integers. */
  thresholds: string;
  updatedAt: number;
}

export interface MilestonesReachedTable {
  accountId: string;
  /** A link id, or "profile" for profile visits. */
  subject: string;
  metric: 'clicks' | 'visits';
  threshold: number;
  reachedAt: number;
}

export interface LinkTables {
  links: LinksTable;
  widgets: WidgetsTable;
  subscribers: SubscribersTable;
  profileCounters: ProfileCountersTable;
  dailyStats: DailyStatsTable;
  dailyLinkClicks: DailyLinkClicksTable;
  dailyCountries: DailyCountriesTable;
  dailyReferers: DailyReferersTable;
  milestoneSettings: MilestoneSettingsTable;
  milestonesReached: MilestonesReachedTable;
}
