// Generated from packages/server/src/events/catalog.ts by packages/server/scripts/zapier-app.ts — do not
// edit; run `npm run gen:zapier`. packages/server/test/zapier-app.test.ts fails when it is stale.
import { restHookTrigger } from './rest-hook.js';

/** One REST-hook trigger per event type, keyed as Zapier keys must be (`link.click` → `link_click`). */
export const triggers = {
  profile_visit: restHookTrigger({
    "key": "profile_visit",
    "type": "profile.visit",
    "noun": "Profile",
    "label": "Profile Visit",
    "description": "Triggers on `profile.visit`: A visitor loaded your public profile page (bots are not counted).",
    "sample": {
      "id": "evt_sample_profile_visit",
      "type": "profile.visit",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "profileCode": "ada",
        "referer": "https://www.instagram.com/",
        "country": "FR",
        "city": "Paris",
        "device": "mobile",
        "browser": "Safari",
        "os": "iOS",
        "utm": {
          "source": "instagram",
          "medium": "social",
          "campaign": "spring",
          "term": null,
          "content": null
        },
        "visitorId": "v_3f9a1c7e52b04d8a"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__profileCode",
        "label": "Profile Code",
        "type": "string"
      },
      {
        "key": "data__referer",
        "label": "Referer",
        "type": "string"
      },
      {
        "key": "data__country",
        "label": "Country",
        "type": "string"
      },
      {
        "key": "data__city",
        "label": "City",
        "type": "string"
      },
      {
        "key": "data__device",
        "label": "Device",
        "type": "string"
      },
      {
        "key": "data__browser",
        "label": "Browser",
        "type": "string"
      },
      {
        "key": "data__os",
        "label": "Os",
        "type": "string"
      },
      {
        "key": "data__utm__source",
        "label": "UTM Source",
        "type": "string"
      },
      {
        "key": "data__utm__medium",
        "label": "UTM Medium",
        "type": "string"
      },
      {
        "key": "data__utm__campaign",
        "label": "UTM Campaign",
        "type": "string"
      },
      {
        "key": "data__utm__term",
        "label": "UTM Term",
        "type": "string"
      },
      {
        "key": "data__utm__content",
        "label": "UTM Content",
        "type": "string"
      },
      {
        "key": "data__visitorId",
        "label": "Visitor ID",
        "type": "string"
      }
    ]
  }),
  link_click: restHookTrigger({
    "key": "link_click",
    "type": "link.click",
    "noun": "Link",
    "label": "Link Click",
    "description": "Triggers on `link.click`: A visitor followed a link, product or widget: from the profile page, a short link or a QR code.",
    "sample": {
      "id": "evt_sample_link_click",
      "type": "link.click",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "profileCode": "ada",
        "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
        "type": "link",
        "title": "My new single",
        "url": "https://music.example.com/new-single",
        "slug": "new-single",
        "source": "profile",
        "referer": "https://www.instagram.com/",
        "country": "FR",
        "city": "Paris",
        "device": "mobile",
        "browser": "Safari",
        "os": "iOS",
        "utm": {
          "source": "instagram",
          "medium": "social",
          "campaign": "spring",
          "term": null,
          "content": null
        },
        "visitorId": "v_3f9a1c7e52b04d8a"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__profileCode",
        "label": "Profile Code",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__type",
        "label": "Type",
        "type": "string"
      },
      {
        "key": "data__title",
        "label": "Title",
        "type": "string"
      },
      {
        "key": "data__url",
        "label": "URL",
        "type": "string"
      },
      {
        "key": "data__slug",
        "label": "Slug",
        "type": "string"
      },
      {
        "key": "data__source",
        "label": "Source",
        "type": "string"
      },
      {
        "key": "data__referer",
        "label": "Referer",
        "type": "string"
      },
      {
        "key": "data__country",
        "label": "Country",
        "type": "string"
      },
      {
        "key": "data__city",
        "label": "City",
        "type": "string"
      },
      {
        "key": "data__device",
        "label": "Device",
        "type": "string"
      },
      {
        "key": "data__browser",
        "label": "Browser",
        "type": "string"
      },
      {
        "key": "data__os",
        "label": "Os",
        "type": "string"
      },
      {
        "key": "data__utm__source",
        "label": "UTM Source",
        "type": "string"
      },
      {
        "key": "data__utm__medium",
        "label": "UTM Medium",
        "type": "string"
      },
      {
        "key": "data__utm__campaign",
        "label": "UTM Campaign",
        "type": "string"
      },
      {
        "key": "data__utm__term",
        "label": "UTM Term",
        "type": "string"
      },
      {
        "key": "data__utm__content",
        "label": "UTM Content",
        "type": "string"
      },
      {
        "key": "data__visitorId",
        "label": "Visitor ID",
        "type": "string"
      },
      {
        "key": "data__domain",
        "label": "Domain",
        "type": "string"
      }
    ]
  }),
  qr_scanned: restHookTrigger({
    "key": "qr_scanned",
    "type": "qr.scanned",
    "noun": "QR",
    "label": "QR Scanned",
    "description": "Triggers on `qr.scanned`: A link's QR code was scanned (a link.click with source \"qr\" follows).",
    "sample": {
      "id": "evt_sample_qr_scanned",
      "type": "qr.scanned",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "profileCode": "ada",
        "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
        "title": "My new single",
        "url": "https://music.example.com/new-single",
        "slug": "new-single",
        "country": "FR",
        "device": "mobile"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__profileCode",
        "label": "Profile Code",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__title",
        "label": "Title",
        "type": "string"
      },
      {
        "key": "data__url",
        "label": "URL",
        "type": "string"
      },
      {
        "key": "data__slug",
        "label": "Slug",
        "type": "string"
      },
      {
        "key": "data__country",
        "label": "Country",
        "type": "string"
      },
      {
        "key": "data__device",
        "label": "Device",
        "type": "string"
      }
    ]
  }),
  subscriber_new: restHookTrigger({
    "key": "subscriber_new",
    "type": "subscriber.new",
    "noun": "Subscriber",
    "label": "Subscriber New",
    "description": "Triggers on `subscriber.new`: Someone signed up through a mailing-list widget.",
    "sample": {
      "id": "evt_sample_subscriber_new",
      "type": "subscriber.new",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "profileCode": "ada",
        "subscriberId": "sub_01jqa7p0k2m4n6q8s0u2w4y6z8",
        "email": "fan@example.com",
        "campaignId": "spring-newsletter",
        "widgetId": "wdg_01jqa7n9c1e3g5j7l9n1q3s5u7",
        "widgetTitle": "Join my newsletter"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__profileCode",
        "label": "Profile Code",
        "type": "string"
      },
      {
        "key": "data__subscriberId",
        "label": "Subscriber ID",
        "type": "string"
      },
      {
        "key": "data__email",
        "label": "Email",
        "type": "string"
      },
      {
        "key": "data__campaignId",
        "label": "Campaign ID",
        "type": "string"
      },
      {
        "key": "data__widgetId",
        "label": "Widget ID",
        "type": "string"
      },
      {
        "key": "data__widgetTitle",
        "label": "Widget Title",
        "type": "string"
      }
    ]
  }),
  link_created: restHookTrigger({
    "key": "link_created",
    "type": "link.created",
    "noun": "Link",
    "label": "Link Created",
    "description": "Triggers on `link.created`: A link was created.",
    "sample": {
      "id": "evt_sample_link_created",
      "type": "link.created",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
        "title": "My new single",
        "url": "https://music.example.com/new-single",
        "position": 0,
        "thumbnailUrl": null,
        "type": "link",
        "slug": "new-single",
        "shortUrl": "https://lnk.example.com/l/new-single",
        "expiresAt": null
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__title",
        "label": "Title",
        "type": "string"
      },
      {
        "key": "data__url",
        "label": "URL",
        "type": "string"
      },
      {
        "key": "data__position",
        "label": "Position",
        "type": "integer"
      },
      {
        "key": "data__thumbnailUrl",
        "label": "Thumbnail URL",
        "type": "string"
      },
      {
        "key": "data__type",
        "label": "Type",
        "type": "string"
      },
      {
        "key": "data__slug",
        "label": "Slug",
        "type": "string"
      },
      {
        "key": "data__shortUrl",
        "label": "Short URL",
        "type": "string"
      },
      {
        "key": "data__expiresAt",
        "label": "Expires At",
        "type": "string"
      }
    ]
  }),
  link_updated: restHookTrigger({
    "key": "link_updated",
    "type": "link.updated",
    "noun": "Link",
    "label": "Link Updated",
    "description": "Triggers on `link.updated`: A link was edited or reordered; `changes` lists each changed field.",
    "sample": {
      "id": "evt_sample_link_updated",
      "type": "link.updated",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
        "title": "My new single (live)",
        "url": "https://music.example.com/new-single",
        "position": 0,
        "thumbnailUrl": null,
        "type": "link",
        "slug": "new-single",
        "shortUrl": "https://lnk.example.com/l/new-single",
        "expiresAt": null,
        "changes": {
          "title": {
            "from": "My new single",
            "to": "My new single (live)"
          }
        }
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__title",
        "label": "Title",
        "type": "string"
      },
      {
        "key": "data__url",
        "label": "URL",
        "type": "string"
      },
      {
        "key": "data__position",
        "label": "Position",
        "type": "integer"
      },
      {
        "key": "data__thumbnailUrl",
        "label": "Thumbnail URL",
        "type": "string"
      },
      {
        "key": "data__type",
        "label": "Type",
        "type": "string"
      },
      {
        "key": "data__slug",
        "label": "Slug",
        "type": "string"
      },
      {
        "key": "data__shortUrl",
        "label": "Short URL",
        "type": "string"
      },
      {
        "key": "data__expiresAt",
        "label": "Expires At",
        "type": "string"
      },
      {
        "key": "data__changes",
        "label": "Changes"
      }
    ]
  }),
  link_deleted: restHookTrigger({
    "key": "link_deleted",
    "type": "link.deleted",
    "noun": "Link",
    "label": "Link Deleted",
    "description": "Triggers on `link.deleted`: A link was deleted.",
    "sample": {
      "id": "evt_sample_link_deleted",
      "type": "link.deleted",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
        "slug": "new-single",
        "title": "My new single",
        "deletedAt": "2026-03-25T14:32:01.123Z"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__slug",
        "label": "Slug",
        "type": "string"
      },
      {
        "key": "data__title",
        "label": "Title",
        "type": "string"
      },
      {
        "key": "data__deletedAt",
        "label": "Deleted At",
        "type": "string"
      }
    ]
  }),
  link_expired: restHookTrigger({
    "key": "link_expired",
    "type": "link.expired",
    "noun": "Link",
    "label": "Link Expired",
    "description": "Triggers on `link.expired`: A link reached its expiry time (sent within a minute) and now answers 410.",
    "sample": {
      "id": "evt_sample_link_expired",
      "type": "link.expired",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
        "slug": "new-single",
        "title": "My new single",
        "url": "https://music.example.com/new-single",
        "expiredAt": "2026-03-31T23:59:00.000Z"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__slug",
        "label": "Slug",
        "type": "string"
      },
      {
        "key": "data__title",
        "label": "Title",
        "type": "string"
      },
      {
        "key": "data__url",
        "label": "URL",
        "type": "string"
      },
      {
        "key": "data__expiredAt",
        "label": "Expired At",
        "type": "string"
      }
    ]
  }),
  profile_updated: restHookTrigger({
    "key": "profile_updated",
    "type": "profile.updated",
    "noun": "Profile",
    "label": "Profile Updated",
    "description": "Triggers on `profile.updated`: The profile (title, bio, avatar, theme) was edited.",
    "sample": {
      "id": "evt_sample_profile_updated",
      "type": "profile.updated",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "profileCode": "ada",
        "title": "Ada Lovelace",
        "bio": "Poet of science.",
        "avatarUrl": "https://images.example.com/ada.png",
        "theme": "ocean",
        "changes": {
          "theme": {
            "from": "light",
            "to": "ocean"
          }
        }
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__profileCode",
        "label": "Profile Code",
        "type": "string"
      },
      {
        "key": "data__title",
        "label": "Title",
        "type": "string"
      },
      {
        "key": "data__bio",
        "label": "Bio",
        "type": "string"
      },
      {
        "key": "data__avatarUrl",
        "label": "Avatar URL",
        "type": "string"
      },
      {
        "key": "data__theme",
        "label": "Theme",
        "type": "string"
      },
      {
        "key": "data__changes",
        "label": "Changes"
      }
    ]
  }),
  analytics_milestone: restHookTrigger({
    "key": "analytics_milestone",
    "type": "analytics.milestone",
    "noun": "Analytics",
    "label": "Analytics Milestone",
    "description": "Triggers on `analytics.milestone`: A link's clicks or the profile's visits reached 1K, 10K, 100K, 1M or a threshold you set.",
    "sample": {
      "id": "evt_sample_analytics_milestone",
      "type": "analytics.milestone",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
        "metric": "clicks",
        "value": 1000,
        "threshold": 1000
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__metric",
        "label": "Metric",
        "type": "string"
      },
      {
        "key": "data__value",
        "label": "Value",
        "type": "integer"
      },
      {
        "key": "data__threshold",
        "label": "Threshold",
        "type": "integer"
      }
    ]
  }),
  api_key_created: restHookTrigger({
    "key": "api_key_created",
    "type": "api.key_created",
    "noun": "API",
    "label": "API Key Created",
    "description": "Triggers on `api.key_created`: An API key was created.",
    "sample": {
      "id": "evt_sample_api_key_created",
      "type": "api.key_created",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "keyId": "key_01jqa7q4d6f8h0k2m4p6r8t0v2",
        "name": "Zapier",
        "prefix": "lw_live_3kQ9"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__keyId",
        "label": "Key ID",
        "type": "string"
      },
      {
        "key": "data__name",
        "label": "Name",
        "type": "string"
      },
      {
        "key": "data__prefix",
        "label": "Prefix",
        "type": "string"
      }
    ]
  }),
  security_login_failed: restHookTrigger({
    "key": "security_login_failed",
    "type": "security.login_failed",
    "noun": "Security",
    "label": "Security Login Failed",
    "description": "Triggers on `security.login_failed`: A dashboard login failed (wrong password, unknown email or rate-limited).",
    "sample": {
      "id": "evt_sample_security_login_failed",
      "type": "security.login_failed",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "email": "ada@example.com",
        "reason": "wrong_password",
        "country": "FR"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__email",
        "label": "Email",
        "type": "string"
      },
      {
        "key": "data__reason",
        "label": "Reason",
        "type": "string"
      },
      {
        "key": "data__country",
        "label": "Country",
        "type": "string"
      }
    ]
  }),
  account_upgraded: restHookTrigger({
    "key": "account_upgraded",
    "type": "account.upgraded",
    "noun": "Account",
    "label": "Account Upgraded",
    "description": "Triggers on `account.upgraded`: The account moved to a higher plan.",
    "sample": {
      "id": "evt_sample_account_upgraded",
      "type": "account.upgraded",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "fromPlan": "free",
        "toPlan": "pro"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__fromPlan",
        "label": "From Plan",
        "type": "string"
      },
      {
        "key": "data__toPlan",
        "label": "To Plan",
        "type": "string"
      }
    ]
  }),
  account_downgraded: restHookTrigger({
    "key": "account_downgraded",
    "type": "account.downgraded",
    "noun": "Account",
    "label": "Account Downgraded",
    "description": "Triggers on `account.downgraded`: The account moved to a lower plan.",
    "sample": {
      "id": "evt_sample_account_downgraded",
      "type": "account.downgraded",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "fromPlan": "business",
        "toPlan": "pro"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__fromPlan",
        "label": "From Plan",
        "type": "string"
      },
      {
        "key": "data__toPlan",
        "label": "To Plan",
        "type": "string"
      }
    ]
  }),
  team_member_added: restHookTrigger({
    "key": "team_member_added",
    "type": "team.member_added",
    "noun": "Team",
    "label": "Team Member Added",
    "description": "Triggers on `team.member_added`: A team member was invited.",
    "sample": {
      "id": "evt_sample_team_member_added",
      "type": "team.member_added",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "memberId": "mem_01jqa7r8f0h2k4m6p8r0t2v4x6",
        "email": "grace@example.com",
        "role": "editor"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__memberId",
        "label": "Member ID",
        "type": "string"
      },
      {
        "key": "data__email",
        "label": "Email",
        "type": "string"
      },
      {
        "key": "data__role",
        "label": "Role",
        "type": "string"
      }
    ]
  }),
  team_member_removed: restHookTrigger({
    "key": "team_member_removed",
    "type": "team.member_removed",
    "noun": "Team",
    "label": "Team Member Removed",
    "description": "Triggers on `team.member_removed`: A team member was removed, left, or their invite was revoked or expired (`reason`).",
    "sample": {
      "id": "evt_sample_team_member_removed",
      "type": "team.member_removed",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "memberId": "mem_01jqa7r8f0h2k4m6p8r0t2v4x6",
        "email": "grace@example.com",
        "role": "editor",
        "reason": "removed"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__memberId",
        "label": "Member ID",
        "type": "string"
      },
      {
        "key": "data__email",
        "label": "Email",
        "type": "string"
      },
      {
        "key": "data__role",
        "label": "Role",
        "type": "string"
      },
      {
        "key": "data__reason",
        "label": "Reason",
        "type": "string"
      }
    ]
  }),
  team_member_joined: restHookTrigger({
    "key": "team_member_joined",
    "type": "team.member_joined",
    "noun": "Team",
    "label": "Team Member Joined",
    "description": "Triggers on `team.member_joined`: An invited person accepted the invite and is now a member.",
    "sample": {
      "id": "evt_sample_team_member_joined",
      "type": "team.member_joined",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "memberId": "mem_01jqa7r8f0h2k4m6p8r0t2v4x6",
        "userId": "usr_01jqa7r8f0h2k4m6p8r0t2v4x7",
        "email": "grace@example.com",
        "role": "editor",
        "joinedAt": "2026-03-01T12:00:00.000Z"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__memberId",
        "label": "Member ID",
        "type": "string"
      },
      {
        "key": "data__userId",
        "label": "User ID",
        "type": "string"
      },
      {
        "key": "data__email",
        "label": "Email",
        "type": "string"
      },
      {
        "key": "data__role",
        "label": "Role",
        "type": "string"
      },
      {
        "key": "data__joinedAt",
        "label": "Joined At",
        "type": "string"
      }
    ]
  }),
  team_member_role_changed: restHookTrigger({
    "key": "team_member_role_changed",
    "type": "team.member_role_changed",
    "noun": "Team",
    "label": "Team Member Role Changed",
    "description": "Triggers on `team.member_role_changed`: A member's role was changed.",
    "sample": {
      "id": "evt_sample_team_member_role_changed",
      "type": "team.member_role_changed",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "memberId": "mem_01jqa7r8f0h2k4m6p8r0t2v4x6",
        "email": "grace@example.com",
        "fromRole": "editor",
        "toRole": "admin",
        "changedBy": "mem_01jqa7q4d6f8h0k2m4p6r8t0v1"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__memberId",
        "label": "Member ID",
        "type": "string"
      },
      {
        "key": "data__email",
        "label": "Email",
        "type": "string"
      },
      {
        "key": "data__fromRole",
        "label": "From Role",
        "type": "string"
      },
      {
        "key": "data__toRole",
        "label": "To Role",
        "type": "string"
      },
      {
        "key": "data__changedBy",
        "label": "Changed By",
        "type": "string"
      }
    ]
  }),
  api_key_revoked: restHookTrigger({
    "key": "api_key_revoked",
    "type": "api.key_revoked",
    "noun": "API",
    "label": "API Key Revoked",
    "description": "Triggers on `api.key_revoked`: An API key was revoked (by its owner or an admin, or because its member was removed).",
    "sample": {
      "id": "evt_sample_api_key_revoked",
      "type": "api.key_revoked",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "keyId": "key_01jqa7q4d6f8h0k2m4p6r8t0v2",
        "name": "Zapier",
        "reason": "revoked",
        "revokedBy": "usr_01jqa7r8f0h2k4m6p8r0t2v4x7"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__keyId",
        "label": "Key ID",
        "type": "string"
      },
      {
        "key": "data__name",
        "label": "Name",
        "type": "string"
      },
      {
        "key": "data__reason",
        "label": "Reason",
        "type": "string"
      },
      {
        "key": "data__revokedBy",
        "label": "Revoked By",
        "type": "string"
      }
    ]
  }),
  domain_verified: restHookTrigger({
    "key": "domain_verified",
    "type": "domain.verified",
    "noun": "Domain",
    "label": "Domain Verified",
    "description": "Triggers on `domain.verified`: A custom domain was verified (its TXT record, or its challenge file behind a proxy) and now serves your links.",
    "sample": {
      "id": "evt_sample_domain_verified",
      "type": "domain.verified",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "domainId": "dom_01jqa7t0j2m4p6r8t0v2x4z6b8",
        "domain": "links.example.com",
        "method": "dns_txt",
        "verifiedAt": "2026-03-25T14:02:00.000Z",
        "purpose": "both"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__domainId",
        "label": "Domain ID",
        "type": "string"
      },
      {
        "key": "data__domain",
        "label": "Domain",
        "type": "string"
      },
      {
        "key": "data__method",
        "label": "Method",
        "type": "string"
      },
      {
        "key": "data__verifiedAt",
        "label": "Verified At",
        "type": "string"
      },
      {
        "key": "data__purpose",
        "label": "Purpose",
        "type": "string"
      }
    ]
  }),
  domain_added: restHookTrigger({
    "key": "domain_added",
    "type": "domain.added",
    "noun": "Domain",
    "label": "Domain Added",
    "description": "Triggers on `domain.added`: A custom domain was added; `records` are the DNS records to set.",
    "sample": {
      "id": "evt_sample_domain_added",
      "type": "domain.added",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "domainId": "dom_01jqa7t0j2m4p6r8t0v2x4z6b8",
        "domain": "links.example.com",
        "purpose": "both",
        "records": [
          {
            "type": "TXT",
            "name": "_linkwire-challenge.links.example.com",
            "value": "lw-verify=q3R0c2Vjb25kLXRva2VuLWV4YW1wbGUtdmFsdWU",
            "purpose": "ownership"
          },
          {
            "type": "CNAME",
            "name": "links.example.com",
            "value": "cname.linkwire.example",
            "purpose": "routing"
          }
        ]
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__domainId",
        "label": "Domain ID",
        "type": "string"
      },
      {
        "key": "data__domain",
        "label": "Domain",
        "type": "string"
      },
      {
        "key": "data__purpose",
        "label": "Purpose",
        "type": "string"
      },
      {
        "key": "data__records",
        "label": "Records",
        "list": true
      }
    ]
  }),
  domain_misconfigured: restHookTrigger({
    "key": "domain_misconfigured",
    "type": "domain.misconfigured",
    "noun": "Domain",
    "label": "Domain Misconfigured",
    "description": "Triggers on `domain.misconfigured`: A verified domain failed 3 daily checks in a row; it keeps serving while you fix its records.",
    "sample": {
      "id": "evt_sample_domain_misconfigured",
      "type": "domain.misconfigured",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "domainId": "dom_01jqa7t0j2m4p6r8t0v2x4z6b8",
        "domain": "links.example.com",
        "reason": "txt_missing",
        "detail": "TXT _linkwire-challenge.links.example.com: no lw-verify= value found",
        "since": "2026-03-27T14:02:00.000Z",
        "records": [
          {
            "type": "TXT",
            "name": "_linkwire-challenge.links.example.com",
            "purpose": "ownership",
            "expected": "lw-verify=q3R0c2Vjb25kLXRva2VuLWV4YW1wbGUtdmFsdWU",
            "found": null,
            "status": "failed",
            "reason": "txt_missing"
          }
        ]
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__domainId",
        "label": "Domain ID",
        "type": "string"
      },
      {
        "key": "data__domain",
        "label": "Domain",
        "type": "string"
      },
      {
        "key": "data__reason",
        "label": "Reason",
        "type": "string"
      },
      {
        "key": "data__detail",
        "label": "Detail",
        "type": "string"
      },
      {
        "key": "data__since",
        "label": "Since",
        "type": "string"
      },
      {
        "key": "data__records",
        "label": "Records",
        "list": true
      }
    ]
  }),
  domain_verification_failed: restHookTrigger({
    "key": "domain_verification_failed",
    "type": "domain.verification_failed",
    "noun": "Domain",
    "label": "Domain Verification Failed",
    "description": "Triggers on `domain.verification_failed`: A pending domain was not verified within 14 days; checks stopped (POST …/verify tries again).",
    "sample": {
      "id": "evt_sample_domain_verification_failed",
      "type": "domain.verification_failed",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "domainId": "dom_01jqa7t0j2m4p6r8t0v2x4z6b8",
        "domain": "links.example.com",
        "reason": "cname_wrong_target",
        "checks": 22,
        "firstCheckedAt": "2026-03-25T14:01:00.000Z"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__domainId",
        "label": "Domain ID",
        "type": "string"
      },
      {
        "key": "data__domain",
        "label": "Domain",
        "type": "string"
      },
      {
        "key": "data__reason",
        "label": "Reason",
        "type": "string"
      },
      {
        "key": "data__checks",
        "label": "Checks",
        "type": "integer"
      },
      {
        "key": "data__firstCheckedAt",
        "label": "First Checked At",
        "type": "string"
      }
    ]
  }),
  domain_removed: restHookTrigger({
    "key": "domain_removed",
    "type": "domain.removed",
    "noun": "Domain",
    "label": "Domain Removed",
    "description": "Triggers on `domain.removed`: A custom domain was deleted, or another account proved ownership of its hostname.",
    "sample": {
      "id": "evt_sample_domain_removed",
      "type": "domain.removed",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "domainId": "dom_01jqa7t0j2m4p6r8t0v2x4z6b8",
        "domain": "links.example.com",
        "reason": "deleted"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__domainId",
        "label": "Domain ID",
        "type": "string"
      },
      {
        "key": "data__domain",
        "label": "Domain",
        "type": "string"
      },
      {
        "key": "data__reason",
        "label": "Reason",
        "type": "string"
      }
    ]
  }),
  integration_connected: restHookTrigger({
    "key": "integration_connected",
    "type": "integration.connected",
    "noun": "Integration",
    "label": "Integration Connected",
    "description": "Triggers on `integration.connected`: A built-in integration was connected: a chat endpoint answered its first test, an analytics sink was validated, a no-code tool authenticated.",
    "sample": {
      "id": "evt_sample_integration_connected",
      "type": "integration.connected",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "integration": "slack",
        "integrationId": "wh_01jqa7s2h4k6m8p0r2t4v6x8z0"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__integration",
        "label": "Integration",
        "type": "string"
      },
      {
        "key": "data__integrationId",
        "label": "Integration ID",
        "type": "string"
      }
    ]
  }),
  link_token_created: restHookTrigger({
    "key": "link_token_created",
    "type": "link.token_created",
    "noun": "Link",
    "label": "Link Token Created",
    "description": "Triggers on `link.token_created`: Deep links: a mobile visitor without the app followed an app link and was sent to the store with a one-time token (Play install referrer on Android, the clipboard on iOS); the link.click of the same click is written in the same transaction.",
    "sample": {
      "id": "evt_sample_link_token_created",
      "type": "link.token_created",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "tokenId": "tok_01jqa7t2v4x6z8b0d2f4h6k8m0",
        "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
        "slug": "new-single",
        "domain": "lnk.example.com",
        "appId": "app_01jqa7s8u0w2y4a6c8e0g2j4l6",
        "platform": "android",
        "destUrl": "https://music.example.com/new-single",
        "deepLinkPath": "/tracks/42",
        "channel": "install_referrer",
        "storeUrl": "https://play.google.com/store/apps/details?id=com.example.music&referrer=lw_token%3D…",
        "expiresAt": "2026-03-25T16:32:01.123Z",
        "country": "FR",
        "device": "mobile"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__tokenId",
        "label": "Token ID",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__slug",
        "label": "Slug",
        "type": "string"
      },
      {
        "key": "data__domain",
        "label": "Domain",
        "type": "string"
      },
      {
        "key": "data__appId",
        "label": "App ID",
        "type": "string"
      },
      {
        "key": "data__platform",
        "label": "Platform",
        "type": "string"
      },
      {
        "key": "data__destUrl",
        "label": "Dest URL",
        "type": "string"
      },
      {
        "key": "data__deepLinkPath",
        "label": "Deep Link Path",
        "type": "string"
      },
      {
        "key": "data__channel",
        "label": "Channel",
        "type": "string"
      },
      {
        "key": "data__storeUrl",
        "label": "Store URL",
        "type": "string"
      },
      {
        "key": "data__expiresAt",
        "label": "Expires At",
        "type": "string"
      },
      {
        "key": "data__country",
        "label": "Country",
        "type": "string"
      },
      {
        "key": "data__device",
        "label": "Device",
        "type": "string"
      }
    ]
  }),
  link_claim: restHookTrigger({
    "key": "link_claim",
    "type": "link.claim",
    "noun": "Link",
    "label": "Link Claim",
    "description": "Triggers on `link.claim`: Deep links: the app, after install, claimed a token (POST /api/v1/sdk/claim, or a unique probabilistic match): the deferred deep link was delivered.",
    "sample": {
      "id": "evt_sample_link_claim",
      "type": "link.claim",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "tokenId": "tok_01jqa7t2v4x6z8b0d2f4h6k8m0",
        "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
        "appId": "app_01jqa7s8u0w2y4a6c8e0g2j4l6",
        "platform": "android",
        "destUrl": "https://music.example.com/new-single",
        "deepLinkPath": "/tracks/42",
        "method": "install_referrer",
        "clickedAt": "2026-03-25T14:32:01.123Z",
        "claimedAt": "2026-03-25T14:34:40.500Z",
        "secondsToClaim": 159,
        "installId": "6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b60"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__tokenId",
        "label": "Token ID",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__appId",
        "label": "App ID",
        "type": "string"
      },
      {
        "key": "data__platform",
        "label": "Platform",
        "type": "string"
      },
      {
        "key": "data__destUrl",
        "label": "Dest URL",
        "type": "string"
      },
      {
        "key": "data__deepLinkPath",
        "label": "Deep Link Path",
        "type": "string"
      },
      {
        "key": "data__method",
        "label": "Method",
        "type": "string"
      },
      {
        "key": "data__clickedAt",
        "label": "Clicked At",
        "type": "string"
      },
      {
        "key": "data__claimedAt",
        "label": "Claimed At",
        "type": "string"
      },
      {
        "key": "data__secondsToClaim",
        "label": "Seconds To Claim",
        "type": "integer"
      },
      {
        "key": "data__installId",
        "label": "Install ID",
        "type": "string"
      }
    ]
  }),
  link_app_open: restHookTrigger({
    "key": "link_app_open",
    "type": "link.app_open",
    "noun": "Link",
    "label": "Link App Open",
    "description": "Triggers on `link.app_open`: Deep links: the app reported that a link opened it directly (Universal Link, App Link or URI scheme; POST /api/v1/sdk/open).",
    "sample": {
      "id": "evt_sample_link_app_open",
      "type": "link.app_open",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
        "appId": "app_01jqa7s8u0w2y4a6c8e0g2j4l6",
        "platform": "ios",
        "destUrl": "https://music.example.com/new-single",
        "deepLinkPath": "/tracks/42",
        "source": "universal_link",
        "firstOpen": false,
        "installId": "6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b60",
        "appVersion": "2.4.0"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__appId",
        "label": "App ID",
        "type": "string"
      },
      {
        "key": "data__platform",
        "label": "Platform",
        "type": "string"
      },
      {
        "key": "data__destUrl",
        "label": "Dest URL",
        "type": "string"
      },
      {
        "key": "data__deepLinkPath",
        "label": "Deep Link Path",
        "type": "string"
      },
      {
        "key": "data__source",
        "label": "Source",
        "type": "string"
      },
      {
        "key": "data__firstOpen",
        "label": "First Open",
        "type": "boolean"
      },
      {
        "key": "data__installId",
        "label": "Install ID",
        "type": "string"
      },
      {
        "key": "data__appVersion",
        "label": "App Version",
        "type": "string"
      }
    ]
  }),
  link_deferred_claim_attempt: restHookTrigger({
    "key": "link_deferred_claim_attempt",
    "type": "link.deferred_claim_attempt",
    "noun": "Link",
    "label": "Link Deferred Claim Attempt",
    "description": "Triggers on `link.deferred_claim_attempt`: Deep links: a first open without a token asked for a deferred link (POST /api/v1/sdk/deferred); `matched` and `reason` say whether probabilistic matching found exactly one candidate.",
    "sample": {
      "id": "evt_sample_link_deferred_claim_attempt",
      "type": "link.deferred_claim_attempt",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "appId": "app_01jqa7s8u0w2y4a6c8e0g2j4l6",
        "platform": "android",
        "matched": false,
        "method": "probabilistic",
        "confidence": null,
        "linkId": null,
        "destUrl": null,
        "tokenId": null,
        "reason": "disabled",
        "installId": "6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b60"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__appId",
        "label": "App ID",
        "type": "string"
      },
      {
        "key": "data__platform",
        "label": "Platform",
        "type": "string"
      },
      {
        "key": "data__matched",
        "label": "Matched",
        "type": "boolean"
      },
      {
        "key": "data__method",
        "label": "Method",
        "type": "string"
      },
      {
        "key": "data__confidence",
        "label": "Confidence",
        "type": "string"
      },
      {
        "key": "data__linkId",
        "label": "Link ID",
        "type": "string"
      },
      {
        "key": "data__destUrl",
        "label": "Dest URL",
        "type": "string"
      },
      {
        "key": "data__tokenId",
        "label": "Token ID",
        "type": "string"
      },
      {
        "key": "data__reason",
        "label": "Reason",
        "type": "string"
      },
      {
        "key": "data__installId",
        "label": "Install ID",
        "type": "string"
      }
    ]
  }),
  webhook_disabled: restHookTrigger({
    "key": "webhook_disabled",
    "type": "webhook.disabled",
    "noun": "Webhook",
    "label": "Webhook Disabled",
    "description": "Triggers on `webhook.disabled`: One of your webhook endpoints was disabled automatically (410 Gone, or failing for too long).",
    "sample": {
      "id": "evt_sample_webhook_disabled",
      "type": "webhook.disabled",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "webhookId": "wh_01jqa7s2h4k6m8p0r2t4v6x8z0",
        "url": "https://hooks.example.com/linkwire",
        "reason": "No successful delivery for 72h and at least one delivery exhausted its retries"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__webhookId",
        "label": "Webhook ID",
        "type": "string"
      },
      {
        "key": "data__url",
        "label": "URL",
        "type": "string"
      },
      {
        "key": "data__reason",
        "label": "Reason",
        "type": "string"
      }
    ]
  }),
  integration_disconnected: restHookTrigger({
    "key": "integration_disconnected",
    "type": "integration.disconnected",
    "noun": "Integration",
    "label": "Integration Disconnected",
    "description": "Triggers on `integration.disconnected`: A built-in integration was removed (by a member, or by its target answering 410 Gone) or stopped working.",
    "sample": {
      "id": "evt_sample_integration_disconnected",
      "type": "integration.disconnected",
      "timestamp": "2026-01-01T12:00:00.000Z",
      "accountId": "acc_sample",
      "data": {
        "integration": "zapier",
        "integrationId": "wh_01jqa7s2h4k6m8p0r2t4v6x8z0",
        "reason": "deleted"
      }
    },
    "outputFields": [
      {
        "key": "id",
        "label": "Event ID",
        "type": "string"
      },
      {
        "key": "type",
        "label": "Event Type",
        "type": "string"
      },
      {
        "key": "timestamp",
        "label": "Timestamp",
        "type": "datetime"
      },
      {
        "key": "accountId",
        "label": "Account ID",
        "type": "string"
      },
      {
        "key": "data__integration",
        "label": "Integration",
        "type": "string"
      },
      {
        "key": "data__integrationId",
        "label": "Integration ID",
        "type": "string"
      },
      {
        "key": "data__reason",
        "label": "Reason",
        "type": "string"
      }
    ]
  }),
};
