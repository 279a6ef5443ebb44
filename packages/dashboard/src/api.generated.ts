// Generated from docs/openapi.json by openapi-typescript — do not edit.
// Regenerate with `npm run gen:dashboard-types` (or `npm run docs:openapi`, which also rewrites the document).
// The dashboard's names for these types are in src/api.ts.

export interface paths {
    "/api/v1/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account; sets the session cookies and returns the first API key */
        post: operations["signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in; sets the session cookie (lw_session) and the CSRF cookie (lw_csrf) */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session and clear its cookies */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account and its plan limits */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API keys (never the keys themselves): all of the account’s for a role that manages members, else one’s own */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key; the key is in this response only */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (one’s own, or any with members:manage); emits api.key_revoked */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every event type: description, JSON Schema of data, example */
        get: operations["listEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account’s event log, oldest first */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The profile page’s settings */
        get: operations["getProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change title, bio, avatar or theme; emits profile.updated */
        patch: operations["updateProfile"];
        trace?: never;
    };
    "/api/v1/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Links in position order */
        get: operations["listLinks"];
        put?: never;
        /** Create a link (slug generated unless given); emits link.created */
        post: operations["createLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One link */
        get: operations["getLink"];
        put?: never;
        post?: never;
        /** Delete a link; emits link.deleted */
        delete: operations["deleteLink"];
        options?: never;
        head?: never;
        /** Change a link; emits link.updated */
        patch: operations["updateLink"];
        trace?: never;
    };
    "/api/v1/links/{id}/qr.svg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The link’s QR code (encodes /q/{slug}) as SVG */
        get: operations["getLinkQrSvg"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/links/{id}/qr.png": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The link’s QR code (encodes /q/{slug}) as PNG, size × size pixels */
        get: operations["getLinkQrPng"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mailing-list widgets */
        get: operations["listWidgets"];
        put?: never;
        /** Add a mailing-list widget to the profile page */
        post: operations["createWidget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/widgets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a widget */
        delete: operations["deleteWidget"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subscribers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mailing-list subscribers, newest first */
        get: operations["listSubscribers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/subscribers.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every subscriber as CSV (id, email, widget_id, campaign_id, created_at) */
        get: operations["exportSubscribers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Visits, clicks, CTR, top links, countries, referrers and per-day numbers (default: the last 30 days) */
        get: operations["getAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analytics/milestones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Click-count thresholds that emit analytics.milestone */
        get: operations["getMilestones"];
        /** Replace the account’s own thresholds */
        put: operations["setMilestones"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Endpoints, newest first */
        get: operations["listEndpoints"];
        put?: never;
        /** Create an endpoint; the response carries its signing secret */
        post: operations["createEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One endpoint */
        get: operations["getEndpoint"];
        put?: never;
        post?: never;
        /** Delete an endpoint; its pending deliveries are cancelled */
        delete: operations["deleteEndpoint"];
        options?: never;
        head?: never;
        /** Change an endpoint (enabled: true re-enables a disabled one) */
        patch: operations["updateEndpoint"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current signing secret */
        get: operations["getEndpointSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new secret; the old one keeps signing too for graceHours (default 24) */
        post: operations["rotateEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a sample event to this endpoint only */
        post: operations["sendTestEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Endpoints, deliveries (rolling 24 h) and test sends (1 h) against the plan */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/listen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or reuse this device's listen endpoint (what `linkwire listen` calls first) */
        post: operations["openListenEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/listen/{id}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The listen endpoint’s deliveries as Server-Sent Events; resume with Last-Event-ID */
        get: operations["streamListenDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/listen/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One forward’s result, written as the delivery’s attempt */
        post: operations["reportListenResult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint’s deliveries, newest first */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with its payload and every attempt */
        get: operations["getDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now (re-checks the 24-hour quota) */
        post: operations["retryDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue an endpoint’s deliveries of a time range again (failed ones by default) */
        post: operations["replayDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Analytics sinks, newest first */
        get: operations["listIntegrations"];
        put?: never;
        /** Connect an analytics sink (GA4, Segment, PostHog); its credentials are checked at the provider first */
        post: operations["connectIntegration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One analytics sink (credentials masked) */
        get: operations["getIntegration"];
        put?: never;
        post?: never;
        /** Remove a sink (emits integration.disconnected); its delivery history stays */
        delete: operations["deleteIntegration"];
        options?: never;
        head?: never;
        /** Change a sink: events, name, enabled, or its credentials (checked again at the provider) */
        patch: operations["updateIntegration"];
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account behind the credentials: the connection test of no-code tools */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/event-types/{type}/samples": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sample envelopes of a type, newest first: real events, else the catalog example */
        get: operations["listEventSamples"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account’s mobile apps */
        get: operations["listApps"];
        put?: never;
        /** Add a mobile app; the answer carries its publishable key (shown once) */
        post: operations["createApp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One mobile app */
        get: operations["getApp"];
        put?: never;
        post?: never;
        /** Remove a mobile app; its links become web links */
        delete: operations["deleteApp"];
        options?: never;
        head?: never;
        /** Change a mobile app */
        patch: operations["updateApp"];
        trace?: never;
    };
    "/api/v1/apps/{id}/rotate-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the publishable key (the old one stops working at once) */
        post: operations["rotateAppKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/apps/{id}/diagnostics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fetch the association files back through the public listener and report what Apple and Google would reject */
        get: operations["appDiagnostics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sdk/open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The app was opened by a link (Universal Link, App Link, URI scheme); emits link.app_open */
        post: operations["sdkOpen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sdk/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claim a token from the install referrer or the clipboard (single use; the same install may ask again); emits link.claim */
        post: operations["sdkClaim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sdk/deferred": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A first open without a token: probabilistic match when the app enabled it (unique candidates only); emits link.deferred_claim_attempt */
        post: operations["sdkDeferred"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Custom domains, newest first */
        get: operations["listDomains"];
        put?: never;
        /** Add a custom domain; the response lists the DNS records to set */
        post: operations["createDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One custom domain with its records */
        get: operations["getDomain"];
        put?: never;
        post?: never;
        /** Remove a custom domain (refused while links live on it) */
        delete: operations["deleteDomain"];
        options?: never;
        head?: never;
        /** Change how a domain routes: purpose, rootUrl, notFoundUrl (the hostname stays) */
        patch: operations["updateDomain"];
        trace?: never;
    };
    "/api/v1/domains/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the DNS records now (at most once per 10 s) */
        post: operations["verifyDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/domains/{id}/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every check, newest first, with each record’s expected and found values */
        get: operations["listDomainChecks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The roles and what each may do (the table the server enforces) */
        get: operations["listRoles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite someone by email with a role; emits team.member_added */
        post: operations["createInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new link (and mail) for a pending invite; the previous link stops working */
        post: operations["resendInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a pending invite; emits team.member_removed (reason invite_revoked) */
        delete: operations["revokeInvite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invite (the token is the credential); sets a session acting in that account; emits team.member_joined */
        post: operations["acceptInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members and pending invites */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Leave the current workspace (any role; not its last owner); emits team.member_removed (reason left) */
        delete: operations["leaveWorkspace"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member, revoking (default) or keeping their API keys; emits team.member_removed and api.key_revoked per key */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /** Change a member's role (owners only for owners); emits team.member_role_changed */
        patch: operations["changeMemberRole"];
        trace?: never;
    };
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's workspaces (accounts) and the role in each */
        get: operations["listWorkspaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{accountId}/switch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make another of your workspaces the session’s current one */
        post: operations["switchWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first, filtered by action, actor and time */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-log/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole audit log (same filters) as NDJSON, one entry per line */
        get: operations["exportAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/apple-app-site-association": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The apple-app-site-association file of the apps’ links (Universal Links) */
        get: operations["appleAppSiteAssociation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/apple-app-site-association": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The apple-app-site-association file of the apps’ links (Universal Links) */
        get: operations["appleAppSiteAssociationLegacy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/assetlinks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Digital Asset Links file of the Android apps (App Links) */
        get: operations["assetLinks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/l/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A short link: records the click, then redirects */
        get: operations["followShortLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/q/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A QR code’s target: records the scan, then redirects */
        get: operations["followQrCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{handle}/w/{widgetId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A widget’s link on the profile page: records a link.click of type "widget", then redirects */
        get: operations["followWidgetLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{handle}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public profile page (HTML, no JavaScript); records a visit */
        get: operations["profilePage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{handle}/subscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign up to a mailing-list widget (JSON, or the page’s HTML form) */
        post: operations["subscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "profile.visit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * profile.visit
         * @description A visitor loaded your public profile page (bots are not counted).
         */
        post: operations["webhook_profile_visit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "link.click": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * link.click
         * @description A visitor followed a link, product or widget: from the profile page, a short link or a QR code.
         */
        post: operations["webhook_link_click"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "qr.scanned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * qr.scanned
         * @description A link's QR code was scanned (a link.click with source "qr" follows).
         */
        post: operations["webhook_qr_scanned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscriber.new": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscriber.new
         * @description Someone signed up through a mailing-list widget.
         */
        post: operations["webhook_subscriber_new"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "link.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * link.created
         * @description A link was created.
         */
        post: operations["webhook_link_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "link.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * link.updated
         * @description A link was edited or reordered; `changes` lists each changed field.
         */
        post: operations["webhook_link_updated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "link.deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * link.deleted
         * @description A link was deleted.
         */
        post: operations["webhook_link_deleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "link.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * link.expired
         * @description A link reached its expiry time (sent within a minute) and now answers 410.
         */
        post: operations["webhook_link_expired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "profile.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * profile.updated
         * @description The profile (title, bio, avatar, theme) was edited.
         */
        post: operations["webhook_profile_updated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "analytics.milestone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * analytics.milestone
         * @description A link's clicks or the profile's visits reached 1K, 10K, 100K, 1M or a threshold you set.
         */
        post: operations["webhook_analytics_milestone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "api.key_created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * api.key_created
         * @description An API key was created.
         */
        post: operations["webhook_api_key_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "security.login_failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * security.login_failed
         * @description A dashboard login failed (wrong password, unknown email or rate-limited).
         */
        post: operations["webhook_security_login_failed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "account.upgraded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * account.upgraded
         * @description The account moved to a higher plan.
         */
        post: operations["webhook_account_upgraded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "account.downgraded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * account.downgraded
         * @description The account moved to a lower plan.
         */
        post: operations["webhook_account_downgraded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "team.member_added": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * team.member_added
         * @description A team member was invited.
         */
        post: operations["webhook_team_member_added"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "team.member_removed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * team.member_removed
         * @description A team member was removed, left, or their invite was revoked or expired (`reason`).
         */
        post: operations["webhook_team_member_removed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "team.member_joined": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * team.member_joined
         * @description An invited person accepted the invite and is now a member.
         */
        post: operations["webhook_team_member_joined"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "team.member_role_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * team.member_role_changed
         * @description A member's role was changed.
         */
        post: operations["webhook_team_member_role_changed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "api.key_revoked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * api.key_revoked
         * @description An API key was revoked (by its owner or an admin, or because its member was removed).
         */
        post: operations["webhook_api_key_revoked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "domain.verified": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * domain.verified
         * @description A custom domain was verified (its TXT record, or its challenge file behind a proxy) and now serves your links.
         */
        post: operations["webhook_domain_verified"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "domain.added": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * domain.added
         * @description A custom domain was added; `records` are the DNS records to set.
         */
        post: operations["webhook_domain_added"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "domain.misconfigured": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * domain.misconfigured
         * @description A verified domain failed 3 daily checks in a row; it keeps serving while you fix its records.
         */
        post: operations["webhook_domain_misconfigured"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "domain.verification_failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * domain.verification_failed
         * @description A pending domain was not verified within 14 days; checks stopped (POST …/verify tries again).
         */
        post: operations["webhook_domain_verification_failed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "domain.removed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * domain.removed
         * @description A custom domain was deleted, or another account proved ownership of its hostname.
         */
        post: operations["webhook_domain_removed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "integration.connected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * integration.connected
         * @description A built-in integration was connected: a chat endpoint answered its first test, an analytics sink was validated, a no-code tool authenticated.
         */
        post: operations["webhook_integration_connected"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "link.token_created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * link.token_created
         * @description Deep links: a mobile visitor without the app followed an app link and was sent to the store with a one-time token (Play install referrer on Android, the clipboard on iOS); the link.click of the same click is written in the same transaction.
         */
        post: operations["webhook_link_token_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "link.claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * link.claim
         * @description Deep links: the app, after install, claimed a token (POST /api/v1/sdk/claim, or a unique probabilistic match): the deferred deep link was delivered.
         */
        post: operations["webhook_link_claim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "link.app_open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * link.app_open
         * @description Deep links: the app reported that a link opened it directly (Universal Link, App Link or URI scheme; POST /api/v1/sdk/open).
         */
        post: operations["webhook_link_app_open"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "link.deferred_claim_attempt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * link.deferred_claim_attempt
         * @description Deep links: a first open without a token asked for a deferred link (POST /api/v1/sdk/deferred); `matched` and `reason` say whether probabilistic matching found exactly one candidate.
         */
        post: operations["webhook_link_deferred_claim_attempt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook.disabled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * webhook.disabled
         * @description One of your webhook endpoints was disabled automatically (410 Gone, or failing for too long).
         */
        post: operations["webhook_webhook_disabled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "integration.disconnected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * integration.disconnected
         * @description A built-in integration was removed (by a member, or by its target answering 410 Gone) or stopped working.
         */
        post: operations["webhook_integration_disconnected"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description An error, as application/problem+json */
        Problem: {
            /** @description https://linkwire.dev/problems/<code>: stable, documented slug */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description the request path */
            instance?: string;
            /** @description one entry per invalid field (validation_failed, and some conflicts) */
            errors?: {
                /** @description dotted path, e.g. "events.2" */
                field: string;
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        Endpoint: {
            id: string;
            /**
             * @description http: a URL Linkwire POSTs to; listen: a `linkwire listen` stream (docs/webhooks.md#10-local-development-linkwire-listen-and-linkwire-trigger)
             * @enum {string}
             */
            kind: "http" | "listen";
            url: string;
            /** @description event types, or ["*"] for every type */
            events: string[];
            description: string | null;
            /** @description see docs/webhooks.md#filters */
            filter: {
                [key: string]: unknown;
            } | null;
            timeoutMs: number;
            /** @description custom headers sent with every delivery */
            headers: {
                [key: string]: string;
            };
            enabled: boolean;
            /** @enum {string} */
            status: "active" | "failing" | "disabled";
            disabledReason: string | null;
            disabledAt: string | null;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            updatedAt: string;
            /** @enum {string} */
            format: "standard" | "slack" | "discord" | "teams";
            /** @enum {string} */
            source: "api" | "zapier" | "make" | "n8n";
            /** @description a chat service refused a message for good (e.g. Slack no_text); cleared by an edit */
            misconfiguredReason: string | null;
        };
        CreatedEndpoint: {
            id: string;
            /**
             * @description http: a URL Linkwire POSTs to; listen: a `linkwire listen` stream (docs/webhooks.md#10-local-development-linkwire-listen-and-linkwire-trigger)
             * @enum {string}
             */
            kind: "http" | "listen";
            url: string;
            /** @description event types, or ["*"] for every type */
            events: string[];
            description: string | null;
            /** @description see docs/webhooks.md#filters */
            filter: {
                [key: string]: unknown;
            } | null;
            timeoutMs: number;
            /** @description custom headers sent with every delivery */
            headers: {
                [key: string]: string;
            };
            enabled: boolean;
            /** @enum {string} */
            status: "active" | "failing" | "disabled";
            disabledReason: string | null;
            disabledAt: string | null;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            updatedAt: string;
            /** @enum {string} */
            format: "standard" | "slack" | "discord" | "teams";
            /** @enum {string} */
            source: "api" | "zapier" | "make" | "n8n";
            /** @description a chat service refused a message for good (e.g. Slack no_text); cleared by an edit */
            misconfiguredReason: string | null;
            /** @description the signing secret (whsec_…) */
            secret: string;
        };
        EndpointPage: {
            data: components["schemas"]["Endpoint"][];
            /** @description pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        Secret: {
            /** @description whsec_… */
            secret: string;
            /** @description a chat endpoint: its full URL (shown masked elsewhere) */
            url?: string;
        };
        TestSend: {
            /** @description follow it at GET /api/v1/deliveries/{id} */
            deliveryId: string;
        };
        Usage: {
            endpoints: {
                used: number;
                /** @description null: unlimited */
                limit: number | null;
            };
            deliveries24h: {
                used: number;
                /** @description null: unlimited */
                limit: number | null;
            };
            testSends1h: {
                used: number;
                /** @description null: unlimited */
                limit: number | null;
            };
        };
        Integration: {
            id: string;
            /** @enum {string} */
            provider: "ga4" | "segment" | "posthog";
            name: string | null;
            events: string[];
            enabled: boolean;
            /** @enum {string} */
            status: "active" | "failing" | "disabled";
            disabledReason: string | null;
            /** @description The sink’s delivery queue: GET /api/v1/webhooks/{webhookId}/deliveries lists its history */
            webhookId: string;
            /** @description measurementId (GA4), apiHost (Segment), host (PostHog) */
            settings: {
                [key: string]: string;
            };
            /** @description masked: only the last four characters are shown */
            credentials: {
                [key: string]: string;
            };
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            connectedAt: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            updatedAt: string;
        };
        IntegrationPage: {
            data: components["schemas"]["Integration"][];
            /** @description pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        Account: {
            id: string;
            email: string;
            handle: string;
            /** @description free, pro or business */
            plan: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
        };
        AccountWithLimits: {
            id: string;
            email: string;
            handle: string;
            /** @description free, pro or business */
            plan: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            limits: {
                /** @description null: unlimited */
                endpoints: number | null;
                /** @description null: unlimited */
                deliveries24h: number | null;
                /** @description null: unlimited */
                testSends1h: number | null;
                /** @description members plus pending invites */
                seats: number | null;
            };
            /**
             * @description the caller's role in this account (an API key: its creator's)
             * @enum {string}
             */
            role: "owner" | "admin" | "editor" | "viewer";
            /** @description the caller's membership (an API key: its creator's) */
            memberId: string;
            /** @description the signed-in user's email (a session); null for an API key. `email` is the workspace's contact */
            userEmail: string | null;
        };
        SignupResult: {
            account: components["schemas"]["Account"];
            /** @description the account’s first API key (lw_…), shown once */
            apiKey: string;
        };
        LoginResult: {
            account: components["schemas"]["Account"];
        };
        ApiKey: {
            id: string;
            name: string;
            /** @description the first 11 characters, to recognise the key */
            prefix: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            lastUsedAt: string | null;
        };
        CreatedApiKey: {
            id: string;
            name: string;
            prefix: string;
            /** @description the key (lw_…), shown once */
            key: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
        };
        ApiKeyList: {
            data: components["schemas"]["ApiKey"][];
        };
        App: {
            id: string;
            name: string;
            ios: {
                teamId: string;
                bundleId: string;
                appStoreId: string;
            } | null;
            android: {
                packageName: string;
                sha256CertFingerprints: string[];
                playStoreUrl: string | null;
            } | null;
            deferred: {
                windowMinutes: number;
                probabilistic: boolean;
            };
            /** @description the first characters of the publishable key */
            keyPrefix: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            updatedAt: string;
        };
        AppWithKey: {
            id: string;
            name: string;
            ios: {
                teamId: string;
                bundleId: string;
                appStoreId: string;
            } | null;
            android: {
                packageName: string;
                sha256CertFingerprints: string[];
                playStoreUrl: string | null;
            } | null;
            deferred: {
                windowMinutes: number;
                probabilistic: boolean;
            };
            /** @description the first characters of the publishable key */
            keyPrefix: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            updatedAt: string;
            /** @description pk_app_…: shown only now (stored hashed); safe to ship inside the app */
            publishableKey: string;
        };
        AppList: {
            data: components["schemas"]["App"][];
        };
        AppDiagnostics: {
            host: string;
            /** @description true when neither Apple nor Google would reject what was served */
            ok: boolean;
            /** @description null when the app has no iOS settings */
            appleAppSiteAssociation: {
                url: string;
                status: number | null;
                contentType: string | null;
                bytes: number | null;
                checks: {
                    ok: boolean;
                    rule: string;
                    message: string;
                }[];
            } | null;
            /** @description null when the app has no Android settings */
            assetLinks: {
                url: string;
                status: number | null;
                contentType: string | null;
                bytes: number | null;
                checks: {
                    ok: boolean;
                    rule: string;
                    message: string;
                }[];
            } | null;
            hints: string[];
        };
        DeepLinkPayload: {
            linkId: string;
            /** @description the in-app path of the link */
            path: string;
            params: {
                [key: string]: string;
            };
            /** @description the link’s web URL */
            url: string;
        };
        DeferredResult: {
            matched: boolean;
            /** @enum {string} */
            reason: "matched" | "no_candidate" | "ambiguous" | "disabled";
            linkId?: string;
            path?: string;
            params?: {
                [key: string]: string;
            };
            url?: string;
        };
        EventTypeInfo: {
            /** @enum {string} */
            type: "profile.visit" | "link.click" | "qr.scanned" | "subscriber.new" | "link.created" | "link.updated" | "link.deleted" | "link.expired" | "profile.updated" | "analytics.milestone" | "api.key_created" | "security.login_failed" | "account.upgraded" | "account.downgraded" | "team.member_added" | "team.member_removed" | "team.member_joined" | "team.member_role_changed" | "api.key_revoked" | "domain.verified" | "domain.added" | "domain.misconfigured" | "domain.verification_failed" | "domain.removed" | "integration.connected" | "link.token_created" | "link.claim" | "link.app_open" | "link.deferred_claim_attempt" | "webhook.disabled" | "integration.disconnected";
            /** @description the part before the dot, e.g. "link" */
            family: string;
            description: string;
            /** @description JSON Schema of `data` */
            schema: {
                [key: string]: unknown;
            };
            /** @description an example `data` */
            example: {
                [key: string]: unknown;
            };
        };
        EventTypeList: components["schemas"]["EventTypeInfo"][];
        EventEnvelope: {
            /** @description evt_…; also the webhook-id header of its deliveries */
            id: string;
            /** @description an event type of GET /api/v1/event-types (older entries may carry a type since retired) */
            type: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            timestamp: string;
            accountId: string;
            /** @description the type’s data (see GET /api/v1/event-types or the webhooks section) */
            data: {
                [key: string]: unknown;
            };
        };
        EventPage: {
            data: components["schemas"]["EventEnvelope"][];
            /** @description pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        Delivery: {
            id: string;
            webhookId: string;
            eventId: string;
            eventType: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "quota_exceeded" | "cancelled";
            attemptCount: number;
            /** @description null unless pending and not held by a disabled endpoint */
            nextAttemptAt: string | null;
            lastStatusCode: number | null;
            lastError: string | null;
            lastDurationMs: number | null;
            isTest: boolean;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            updatedAt: string;
        };
        DeliveryPage: {
            data: components["schemas"]["Delivery"][];
            /** @description pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        Attempt: {
            /** @description 1 for the first */
            attempt: number;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            startedAt: string;
            durationMs: number;
            statusCode: number | null;
            error: string | null;
            /** @description http, redirect, timeout, connection, dns, tls or ssrf; null on success */
            errorKind: string | null;
            /** @description the first bytes of the receiver’s answer */
            responseBody: string | null;
            /** @description as sent, signature included */
            requestHeaders: {
                [key: string]: string;
            };
        };
        DeliveryDetail: {
            id: string;
            webhookId: string;
            eventId: string;
            eventType: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "quota_exceeded" | "cancelled";
            attemptCount: number;
            /** @description null unless pending and not held by a disabled endpoint */
            nextAttemptAt: string | null;
            lastStatusCode: number | null;
            lastError: string | null;
            lastDurationMs: number | null;
            isTest: boolean;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            updatedAt: string;
            /** @description the body sent; null once the event is purged */
            payload: components["schemas"]["EventEnvelope"] | null;
            attempts: components["schemas"]["Attempt"][];
        };
        ReplayResult: {
            queued: number;
            /** @description deliveries not queued: the 24-hour quota is full */
            overQuota: number;
        };
        Domain: {
            id: string;
            /** @description normalised: lower case, IDNA (punycode), no trailing dot */
            hostname: string;
            /** @enum {string} */
            purpose: "short_links" | "profile" | "both";
            /** @enum {string} */
            status: "pending" | "verified" | "misconfigured" | "failed";
            records: {
                /** @enum {string} */
                type: "TXT" | "CNAME" | "A" | "AAAA";
                name: string;
                /** @description what to set */
                value: string;
                /**
                 * @description ownership: proves you control the zone; routing: sends traffic here
                 * @enum {string}
                 */
                purpose: "ownership" | "routing";
                /**
                 * @description from the last check; pending: not checked yet
                 * @enum {string}
                 */
                status: "ok" | "failed" | "pending";
                reason: string | null;
                /** @description what DNS answered at the last check */
                found: string | null;
            }[];
            /** @description where / goes when the domain does not serve the profile */
            rootUrl: string | null;
            /** @description where an unknown slug goes (else a 404 page) */
            notFoundUrl: string | null;
            verifiedAt: string | null;
            verifyMethod: ("dns_txt" | "http") | null;
            lastCheckedAt: string | null;
            /** @description null: no scheduled check (failed) */
            nextCheckAt: string | null;
            checkCount: number;
            lastReason: string | null;
            /** @description the HTTP fallback for proxied DNS: must answer the TXT value */
            challengeUrl: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
        };
        DomainPage: {
            data: components["schemas"]["Domain"][];
            /** @description pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        DomainCheck: {
            id: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            at: string;
            /** @enum {string} */
            trigger: "scheduled" | "manual" | "claim";
            /** @enum {string} */
            outcome: "pass" | "fail";
            /** @description txt_missing, txt_mismatch, cname_missing, cname_wrong_target, a_wrong_ip, proxied, nxdomain, dns_timeout, … */
            reason: string | null;
            records: {
                /** @enum {string} */
                type: "TXT" | "CNAME" | "A" | "AAAA";
                name: string;
                /**
                 * @description ownership: proves you control the zone; routing: sends traffic here
                 * @enum {string}
                 */
                purpose: "ownership" | "routing";
                expected: string;
                found: string | null;
                /** @enum {string} */
                status: "ok" | "failed";
                reason: string | null;
            }[];
        };
        DomainCheckPage: {
            data: components["schemas"]["DomainCheck"][];
            /** @description pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        Profile: {
            handle: string;
            title: string | null;
            bio: string | null;
            avatarUrl: string | null;
            /** @enum {string} */
            theme: "light" | "dark" | "sunset" | "ocean" | "forest";
            /** @description the public profile page */
            url: string;
        };
        Link: {
            id: string;
            slug: string;
            url: string;
            title: string;
            /** @enum {string} */
            type: "link" | "product";
            position: number;
            thumbnailUrl: string | null;
            expiresAt: string | null;
            /** @description /l/{slug}: counts a click, then 302 */
            shortUrl: string;
            /** @description /q/{slug}: what the QR code encodes; counts a scan */
            qrUrl: string;
            /** @description the custom domain the link lives on (shortUrl is /{slug} there), or null */
            domain: string | null;
            clicks: number;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            updatedAt: string;
            /** @description deep-link settings: open this path in the app (docs/deep-links.md); null for a web-only link */
            app: {
                appId: string;
                path: string;
                params: {
                    [key: string]: string;
                };
                forceWeb: boolean;
            } | null;
        };
        LinkPage: {
            data: components["schemas"]["Link"][];
            /** @description pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        Widget: {
            id: string;
            /** @constant */
            kind: "mailing_list";
            title: string;
            campaignId: string | null;
            /** @description the widget’s link, or null; a visitor following it is a link.click with type "widget" */
            url: string | null;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
        };
        WidgetList: {
            data: components["schemas"]["Widget"][];
        };
        Subscriber: {
            id: string;
            email: string;
            widgetId: string;
            campaignId: string | null;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
        };
        SubscriberPage: {
            data: components["schemas"]["Subscriber"][];
            /** @description pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        Analytics: {
            /** @description YYYY-MM-DD (UTC) */
            from: string;
            /** @description YYYY-MM-DD (UTC) */
            to: string;
            visits: number;
            clicks: number;
            /** @description profile-page clicks per visit, 4 decimals */
            ctr: number;
            topLinks: {
                linkId: string;
                title: string;
                clicks: number;
            }[];
            countries: {
                country: string;
                count: number;
            }[];
            referrers: {
                referer: string;
                count: number;
            }[];
            perDay: {
                /** @description YYYY-MM-DD (UTC) */
                date: string;
                visits: number;
                clicks: number;
            }[];
        };
        Milestones: {
            /** @description the account’s own; empty: the defaults apply */
            thresholds: number[];
            defaults: number[];
        };
        ListenEndpoint: {
            id: string;
            /**
             * @description http: a URL Linkwire POSTs to; listen: a `linkwire listen` stream (docs/webhooks.md#10-local-development-linkwire-listen-and-linkwire-trigger)
             * @enum {string}
             */
            kind: "http" | "listen";
            url: string;
            /** @description event types, or ["*"] for every type */
            events: string[];
            description: string | null;
            /** @description see docs/webhooks.md#filters */
            filter: {
                [key: string]: unknown;
            } | null;
            timeoutMs: number;
            /** @description custom headers sent with every delivery */
            headers: {
                [key: string]: string;
            };
            enabled: boolean;
            /** @enum {string} */
            status: "active" | "failing" | "disabled";
            disabledReason: string | null;
            disabledAt: string | null;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            updatedAt: string;
            /** @enum {string} */
            format: "standard" | "slack" | "discord" | "teams";
            /** @enum {string} */
            source: "api" | "zapier" | "make" | "n8n";
            /** @description a chat service refused a message for good (e.g. Slack no_text); cleared by an edit */
            misconfiguredReason: string | null;
            accountId: string;
            /** @description GET it (Accept: text/event-stream) for the deliveries as Server-Sent Events */
            streamUrl: string;
            /** @description POST each forward’s result here */
            resultsUrl: string;
        };
        Me: {
            accountId: string;
            handle: string;
            email: string;
            plan: string;
            /** @description this Linkwire instance, for the connection label ("ada @ links.example.com") */
            instanceUrl: string;
        };
        AuditEntry: {
            id: string;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            at: string;
            actor: {
                /** @description user, api_key or system */
                type: string;
                id: string;
                email?: string;
            };
            /** @description <target>.<verb>, e.g. member.invited, webhook.secret_rotated */
            action: string;
            target: {
                type: string;
                id: string;
            };
            changes: {
                [key: string]: {
                    from: unknown;
                    to: unknown;
                };
            } | null;
        };
        /** @description The permission table of PRODUCT.md §9 (16 permissions) */
        RoleTable: {
            roles: {
                /** @enum {string} */
                role: "owner" | "admin" | "editor" | "viewer";
                permissions: string[];
            }[];
            permissions: {
                name: string;
                description: string;
            }[];
        };
        Invite: {
            memberId: string;
            email: string;
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "viewer";
            /** @constant */
            status: "invited";
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            expiresAt: string;
            /** @description the one-time link that accepts the invite (also mailed when LINKWIRE_SMTP_URL is set) */
            acceptUrl: string;
        };
        AcceptedInvite: {
            accountId: string;
            memberId: string;
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "viewer";
        };
        Member: {
            id: string;
            /** @description null while the invite is pending */
            userId: string | null;
            email: string;
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "viewer";
            /** @enum {string} */
            status: "invited" | "active";
            invitedBy: string | null;
            /** @description ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z */
            createdAt: string;
            joinedAt: string | null;
            /** @description when a pending invite expires */
            expiresAt: string | null;
        };
        MemberList: {
            data: components["schemas"]["Member"][];
        };
        LeftWorkspace: {
            /** @description the workspace the session acts in now; null: none is left and the session has ended */
            accountId: string | null;
        };
        Workspace: {
            accountId: string;
            handle: string;
            plan: string;
            memberId: string;
            /** @enum {string} */
            role: "owner" | "admin" | "editor" | "viewer";
            current: boolean;
        };
        WorkspaceList: {
            data: components["schemas"]["Workspace"][];
        };
        EventSamples: components["schemas"]["EventEnvelope"][];
        AuditLogPage: {
            data: components["schemas"]["AuditEntry"][];
            /** @description pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    handle: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignupResult"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResult"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountWithLimits"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventTypeList"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                type?: string;
                since?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string | null;
                    bio?: string | null;
                    avatarUrl?: string | null;
                    /** @enum {string} */
                    theme?: "light" | "dark" | "sunset" | "ocean" | "forest";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLinks: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkPage"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    title: string;
                    /** @enum {string} */
                    type?: "link" | "product";
                    slug?: string;
                    position?: number;
                    thumbnailUrl?: string | null;
                    expiresAt?: string | null;
                    app?: {
                        appId: string;
                        path: string;
                        params?: {
                            [key: string]: string;
                        };
                        forceWeb?: boolean;
                    } | null;
                    /** @description a custom domain of yours (hostname): the link is served at https://<domain>/<slug> */
                    domain?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Link"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Link"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url?: string;
                    title?: string;
                    /** @enum {string} */
                    type?: "link" | "product";
                    slug?: string;
                    position?: number;
                    thumbnailUrl?: string | null;
                    expiresAt?: string | null;
                    app?: {
                        appId: string;
                        path: string;
                        params?: {
                            [key: string]: string;
                        };
                        forceWeb?: boolean;
                    } | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Link"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLinkQrSvg: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An SVG image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLinkQrPng: {
        parameters: {
            query?: {
                size?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A PNG image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWidgets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WidgetList"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWidget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "mailing_list";
                    title: string;
                    campaignId?: string | null;
                    url?: string | null;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Widget"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWidget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSubscribers: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriberPage"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportSubscribers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description RFC 4180 CSV, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAnalytics: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Analytics"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMilestones: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestones"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setMilestones: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    thresholds: number[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestones"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEndpoints: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointPage"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    events: string[];
                    description?: string | null;
                    filter?: {
                        [key: string]: unknown;
                    } | null;
                    timeoutMs?: number;
                    headers?: {
                        [key: string]: string;
                    };
                    enabled?: boolean;
                    /**
                     * @description standard: the signed Standard Webhooks request; slack/discord/teams: a chat message (docs/integrations.md)
                     * @enum {string}
                     */
                    format?: "standard" | "slack" | "discord" | "teams";
                    /**
                     * @description who owns the subscription: a no-code tool has its own cap and is deleted when its target answers 410
                     * @enum {string}
                     */
                    source?: "api" | "zapier" | "make" | "n8n";
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedEndpoint"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url?: string;
                    events?: string[];
                    description?: string | null;
                    filter?: {
                        [key: string]: unknown;
                    } | null;
                    timeoutMs?: number;
                    headers?: {
                        [key: string]: string;
                    };
                    enabled?: boolean;
                    /**
                     * @description standard: the signed Standard Webhooks request; slack/discord/teams: a chat message (docs/integrations.md)
                     * @enum {string}
                     */
                    format?: "standard" | "slack" | "discord" | "teams";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEndpointSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Secret"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateEndpointSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    graceHours?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Secret"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sendTestEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    event?: "profile.visit" | "link.click" | "qr.scanned" | "subscriber.new" | "link.created" | "link.updated" | "link.deleted" | "link.expired" | "profile.updated" | "analytics.milestone" | "api.key_created" | "security.login_failed" | "account.upgraded" | "account.downgraded" | "team.member_added" | "team.member_removed" | "team.member_joined" | "team.member_role_changed" | "api.key_revoked" | "domain.verified" | "domain.added" | "domain.misconfigured" | "domain.verification_failed" | "domain.removed" | "integration.connected" | "link.token_created" | "link.claim" | "link.app_open" | "link.deferred_claim_attempt" | "webhook.disabled" | "integration.disconnected";
                };
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestSend"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Usage"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    openListenEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    device: string;
                    events?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListenEndpoint"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListenEndpoint"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamListenDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream: one `delivery` event per delivery (id = claim.deliveryId, data = the envelope and its headers) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reportListenResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    deliveryId: string;
                    claim: string;
                    statusCode: number | null;
                    durationMs: number;
                    error?: string | null;
                    errorKind?: ("timeout" | "connection") | null;
                    responseBody?: string | null;
                    requestHeaders?: {
                        [key: string]: string;
                    };
                    retryAfterSeconds?: number | null;
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "succeeded" | "failed" | "quota_exceeded" | "cancelled";
                event?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPage"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryDetail"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    since: string;
                    /** Format: date-time */
                    until?: string;
                    /**
                     * @default failed
                     * @enum {string}
                     */
                    status?: "failed" | "all";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplayResult"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listIntegrations: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntegrationPage"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    connectIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    provider: "ga4";
                    events: string[];
                    name?: string | null;
                    measurementId: string;
                    apiSecret: string;
                } | {
                    /** @enum {string} */
                    provider: "segment";
                    events: string[];
                    name?: string | null;
                    writeKey: string;
                    /** @description default https://api.segment.io; EU: https://events.eu1.segmentapis.com; or a RudderStack data plane */
                    apiHost?: string;
                } | {
                    /** @enum {string} */
                    provider: "posthog";
                    events: string[];
                    name?: string | null;
                    apiKey: string;
                    /** @description https://us.i.posthog.com, https://eu.i.posthog.com or your self-hosted PostHog */
                    host: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Integration"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A service Linkwire had to call (an analytics provider) could not be reached */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Integration"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events?: string[];
                    name?: string | null;
                    enabled?: boolean;
                    measurementId?: string;
                    apiSecret?: string;
                    writeKey?: string;
                    apiHost?: string;
                    apiKey?: string;
                    host?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Integration"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A service Linkwire had to call (an analytics provider) could not be reached */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEventSamples: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                type: "profile.visit" | "link.click" | "qr.scanned" | "subscriber.new" | "link.created" | "link.updated" | "link.deleted" | "link.expired" | "profile.updated" | "analytics.milestone" | "api.key_created" | "security.login_failed" | "account.upgraded" | "account.downgraded" | "team.member_added" | "team.member_removed" | "team.member_joined" | "team.member_role_changed" | "api.key_revoked" | "domain.verified" | "domain.added" | "domain.misconfigured" | "domain.verification_failed" | "domain.removed" | "integration.connected" | "link.token_created" | "link.claim" | "link.app_open" | "link.deferred_claim_attempt" | "webhook.disabled" | "integration.disconnected";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventSamples"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApps: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppList"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    ios?: {
                        teamId: string;
                        bundleId: string;
                        appStoreId: string;
                    } | null;
                    android?: {
                        packageName: string;
                        sha256CertFingerprints: string[];
                        playStoreUrl?: string | null;
                    } | null;
                    deferred?: {
                        /** @default 120 */
                        windowMinutes?: number;
                        /**
                         * @description Android only: match a tokenless first open to the one recent click from its network (never on iOS; docs/deep-links.md §8)
                         * @default false
                         */
                        probabilistic?: boolean;
                    };
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppWithKey"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["App"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    ios?: {
                        teamId: string;
                        bundleId: string;
                        appStoreId: string;
                    } | null;
                    android?: {
                        packageName: string;
                        sha256CertFingerprints: string[];
                        playStoreUrl?: string | null;
                    } | null;
                    deferred?: {
                        /** @default 120 */
                        windowMinutes?: number;
                        /**
                         * @description Android only: match a tokenless first open to the one recent click from its network (never on iOS; docs/deep-links.md §8)
                         * @default false
                         */
                        probabilistic?: boolean;
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["App"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateAppKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppWithKey"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appDiagnostics: {
        parameters: {
            query?: {
                /** @description the instance host (the default) or one of the account’s custom domains */
                host?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppDiagnostics"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sdkOpen: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    installId: string;
                    firstOpen?: boolean;
                    /** @enum {string} */
                    platform?: "ios" | "android";
                    appVersion?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeepLinkPayload"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sdkClaim: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    installId: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeepLinkPayload"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sdkDeferred: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    platform: "ios" | "android";
                    installId: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeferredResult"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDomains: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainPage"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createDomain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    hostname: string;
                    /** @enum {string} */
                    purpose?: "short_links" | "profile" | "both";
                    rootUrl?: string | null;
                    notFoundUrl?: string | null;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Domain"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Domain"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    purpose?: "short_links" | "profile" | "both";
                    rootUrl?: string | null;
                    notFoundUrl?: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Domain"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Domain"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDomainChecks: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainCheckPage"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRoles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleTable"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createInvite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    /** @enum {string} */
                    role: "owner" | "admin" | "editor" | "viewer";
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invite"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resendInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invite"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acceptInvite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    /** @description creates the login when the invited email has none */
                    password?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedInvite"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Gone */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberList"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    leaveWorkspace: {
        parameters: {
            query?: {
                /** @description the member's API keys: revoke (default) or keep */
                apiKeys?: "revoke" | "keep";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeftWorkspace"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeMember: {
        parameters: {
            query?: {
                /** @description the member's API keys: revoke (default) or keep */
                apiKeys?: "revoke" | "keep";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changeMemberRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "owner" | "admin" | "editor" | "viewer";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with existing data */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceList"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    switchWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditLog: {
        parameters: {
            query?: {
                action?: string;
                actorId?: string;
                since?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogPage"];
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportAuditLog: {
        parameters: {
            query?: {
                action?: string;
                actorId?: string;
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One AuditEntry per line, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description Invalid request: `errors` names each field and the rule it broke */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid API key or session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appleAppSiteAssociation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description AASA */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    appleAppSiteAssociationLegacy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description AASA */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    assetLinks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description assetlinks.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    followShortLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description App links only (docs/deep-links.md): the iOS “Get the app” page, the iPad probe, or a bot’s preview */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect to the link’s URL (Location), or for an app link on Android to the Play Store; counted as a click unless the user agent is a bot */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such link (an HTML page) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The link has expired (an HTML page) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The click could not be recorded; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    followQrCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description App links only (docs/deep-links.md): the iOS “Get the app” page, the iPad probe, or a bot’s preview */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect to the link’s URL (Location), or for an app link on Android to the Play Store; counted as a click unless the user agent is a bot */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such link (an HTML page) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The link has expired (an HTML page) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The click could not be recorded; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    followWidgetLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                handle: string;
                widgetId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description App links only (docs/deep-links.md): the iOS “Get the app” page, the iPad probe, or a bot’s preview */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect to the link’s URL (Location), or for an app link on Android to the Play Store; counted as a click unless the user agent is a bot */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such link (an HTML page) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The link has expired (an HTML page) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The click could not be recorded; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    profilePage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                handle: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description No such profile (an HTML page) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    subscribe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                handle: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    widgetId: string;
                    /** Format: email */
                    email: string;
                };
                "application/x-www-form-urlencoded": {
                    widgetId: string;
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Already subscribed (JSON body) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscriber"];
                };
            };
            /** @description Subscribed (JSON body) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscriber"];
                };
            };
            /** @description Form body: back to the profile page with the outcome in ?subscribed= */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid JSON body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such profile or widget */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "text/html": string;
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    webhook_profile_visit: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "profile.visit",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "profileCode": "ada",
                 *         "referer": "https://www.instagram.com/",
                 *         "country": "FR",
                 *         "city": "Paris",
                 *         "device": "mobile",
                 *         "browser": "Safari",
                 *         "os": "iOS",
                 *         "utm": {
                 *           "source": "instagram",
                 *           "medium": "social",
                 *           "campaign": "spring",
                 *           "term": null,
                 *           "content": null
                 *         },
                 *         "visitorId": "v_3f9a1c7e52b04d8a"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "profile.visit";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        /** @description The profile handle */
                        profileCode: string;
                        /** @description Referring URL (origin and path only), or null */
                        referer: string | null;
                        /** @description ISO 3166-1 alpha-2 country code, or null when unknown */
                        country: string | null;
                        city: string | null;
                        /** @enum {string} */
                        device: "desktop" | "mobile" | "tablet" | "other";
                        browser: string | null;
                        os: string | null;
                        utm: {
                            source: string | null;
                            medium: string | null;
                            campaign: string | null;
                            term: string | null;
                            content: string | null;
                        };
                        /** @description Salted hash of the visitor that rotates daily; never the IP address */
                        visitorId: string | null;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_link_click: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "link.click",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "profileCode": "ada",
                 *         "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
                 *         "type": "link",
                 *         "title": "My new single",
                 *         "url": "https://music.example.com/new-single",
                 *         "slug": "new-single",
                 *         "source": "profile",
                 *         "referer": "https://www.instagram.com/",
                 *         "country": "FR",
                 *         "city": "Paris",
                 *         "device": "mobile",
                 *         "browser": "Safari",
                 *         "os": "iOS",
                 *         "utm": {
                 *           "source": "instagram",
                 *           "medium": "social",
                 *           "campaign": "spring",
                 *           "term": null,
                 *           "content": null
                 *         },
                 *         "visitorId": "v_3f9a1c7e52b04d8a"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "link.click";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        profileCode: string;
                        linkId: string;
                        /** @enum {string} */
                        type: "link" | "widget" | "product";
                        title: string;
                        url: string;
                        slug: string;
                        /** @enum {string} */
                        source: "profile" | "short_link" | "qr";
                        /** @description Referring URL (origin and path only), or null */
                        referer: string | null;
                        /** @description ISO 3166-1 alpha-2 country code, or null when unknown */
                        country: string | null;
                        city: string | null;
                        /** @enum {string} */
                        device: "desktop" | "mobile" | "tablet" | "other";
                        browser: string | null;
                        os: string | null;
                        utm: {
                            source: string | null;
                            medium: string | null;
                            campaign: string | null;
                            term: string | null;
                            content: string | null;
                        };
                        /** @description Salted hash of the visitor that rotates daily; never the IP address */
                        visitorId: string | null;
                        /** @description the custom domain the link was followed on (absent on the instance’s own host) */
                        domain?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_qr_scanned: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "qr.scanned",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "profileCode": "ada",
                 *         "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
                 *         "title": "My new single",
                 *         "url": "https://music.example.com/new-single",
                 *         "slug": "new-single",
                 *         "country": "FR",
                 *         "device": "mobile"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "qr.scanned";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        profileCode: string;
                        linkId: string;
                        title: string;
                        url: string;
                        slug: string;
                        country: string | null;
                        /** @enum {string} */
                        device: "desktop" | "mobile" | "tablet" | "other";
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_subscriber_new: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "subscriber.new",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "profileCode": "ada",
                 *         "subscriberId": "sub_01jqa7p0k2m4n6q8s0u2w4y6z8",
                 *         "email": "fan@example.com",
                 *         "campaignId": "spring-newsletter",
                 *         "widgetId": "wdg_01jqa7n9c1e3g5j7l9n1q3s5u7",
                 *         "widgetTitle": "Join my newsletter"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "subscriber.new";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        profileCode: string;
                        subscriberId: string;
                        email: string;
                        campaignId: string | null;
                        widgetId: string;
                        widgetTitle: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_link_created: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "link.created",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
                 *         "title": "My new single",
                 *         "url": "https://music.example.com/new-single",
                 *         "position": 0,
                 *         "thumbnailUrl": null,
                 *         "type": "link",
                 *         "slug": "new-single",
                 *         "shortUrl": "https://lnk.example.com/l/new-single",
                 *         "expiresAt": null
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "link.created";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        linkId: string;
                        title: string;
                        url: string;
                        position: number;
                        thumbnailUrl: string | null;
                        /** @enum {string} */
                        type: "link" | "product";
                        slug: string;
                        shortUrl: string;
                        expiresAt: string | null;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_link_updated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "link.updated",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
                 *         "title": "My new single (live)",
                 *         "url": "https://music.example.com/new-single",
                 *         "position": 0,
                 *         "thumbnailUrl": null,
                 *         "type": "link",
                 *         "slug": "new-single",
                 *         "shortUrl": "https://lnk.example.com/l/new-single",
                 *         "expiresAt": null,
                 *         "changes": {
                 *           "title": {
                 *             "from": "My new single",
                 *             "to": "My new single (live)"
                 *           }
                 *         }
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "link.updated";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        linkId: string;
                        title: string;
                        url: string;
                        position: number;
                        thumbnailUrl: string | null;
                        /** @enum {string} */
                        type: "link" | "product";
                        slug: string;
                        shortUrl: string;
                        expiresAt: string | null;
                        /** @description field → {from, to} */
                        changes: {
                            [key: string]: {
                                from: unknown;
                                to: unknown;
                            };
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_link_deleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "link.deleted",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
                 *         "slug": "new-single",
                 *         "title": "My new single",
                 *         "deletedAt": "2026-03-25T14:32:01.123Z"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "link.deleted";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        linkId: string;
                        slug: string;
                        title: string;
                        /** @description ISO 8601 time */
                        deletedAt: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_link_expired: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "link.expired",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
                 *         "slug": "new-single",
                 *         "title": "My new single",
                 *         "url": "https://music.example.com/new-single",
                 *         "expiredAt": "2026-03-31T23:59:00.000Z"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "link.expired";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        linkId: string;
                        slug: string;
                        title: string;
                        url: string;
                        /** @description ISO 8601 time */
                        expiredAt: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_profile_updated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "profile.updated",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "profileCode": "ada",
                 *         "title": "Ada Lovelace",
                 *         "bio": "Poet of science.",
                 *         "avatarUrl": "https://images.example.com/ada.png",
                 *         "theme": "ocean",
                 *         "changes": {
                 *           "theme": {
                 *             "from": "light",
                 *             "to": "ocean"
                 *           }
                 *         }
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "profile.updated";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        profileCode: string;
                        title: string | null;
                        bio: string | null;
                        avatarUrl: string | null;
                        theme: string;
                        /** @description field → {from, to} */
                        changes: {
                            [key: string]: {
                                from: unknown;
                                to: unknown;
                            };
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_analytics_milestone: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "analytics.milestone",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
                 *         "metric": "clicks",
                 *         "value": 1000,
                 *         "threshold": 1000
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "analytics.milestone";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        /** @description The link, or null for profile visits */
                        linkId: string | null;
                        /** @enum {string} */
                        metric: "clicks" | "visits";
                        value: number;
                        threshold: number;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_api_key_created: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "api.key_created",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "keyId": "key_01jqa7q4d6f8h0k2m4p6r8t0v2",
                 *         "name": "Zapier",
                 *         "prefix": "lw_live_3kQ9"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "api.key_created";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        keyId: string;
                        name: string;
                        prefix: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_security_login_failed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "security.login_failed",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "email": "ada@example.com",
                 *         "reason": "wrong_password",
                 *         "country": "FR"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "security.login_failed";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        email: string;
                        /** @enum {string} */
                        reason: "unknown_email" | "wrong_password" | "rate_limited";
                        country: string | null;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_account_upgraded: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "account.upgraded",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "fromPlan": "free",
                 *         "toPlan": "pro"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "account.upgraded";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        /** @enum {string} */
                        fromPlan: "free" | "pro" | "business";
                        /** @enum {string} */
                        toPlan: "free" | "pro" | "business";
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_account_downgraded: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "account.downgraded",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "fromPlan": "business",
                 *         "toPlan": "pro"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "account.downgraded";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        /** @enum {string} */
                        fromPlan: "free" | "pro" | "business";
                        /** @enum {string} */
                        toPlan: "free" | "pro" | "business";
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_team_member_added: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "team.member_added",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "memberId": "mem_01jqa7r8f0h2k4m6p8r0t2v4x6",
                 *         "email": "grace@example.com",
                 *         "role": "editor"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "team.member_added";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        memberId: string;
                        email: string;
                        role: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_team_member_removed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "team.member_removed",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "memberId": "mem_01jqa7r8f0h2k4m6p8r0t2v4x6",
                 *         "email": "grace@example.com",
                 *         "role": "editor",
                 *         "reason": "removed"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "team.member_removed";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        memberId: string;
                        email: string;
                        role: string;
                        /**
                         * @description removed by a member, left, invite revoked, or invite expired unaccepted
                         * @enum {string}
                         */
                        reason: "removed" | "left" | "invite_revoked" | "invite_expired";
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_team_member_joined: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "team.member_joined",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "memberId": "mem_01jqa7r8f0h2k4m6p8r0t2v4x6",
                 *         "userId": "usr_01jqa7r8f0h2k4m6p8r0t2v4x7",
                 *         "email": "grace@example.com",
                 *         "role": "editor",
                 *         "joinedAt": "2026-03-01T12:00:00.000Z"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "team.member_joined";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        memberId: string;
                        userId: string;
                        email: string;
                        role: string;
                        /** @description ISO 8601 time */
                        joinedAt: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_team_member_role_changed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "team.member_role_changed",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "memberId": "mem_01jqa7r8f0h2k4m6p8r0t2v4x6",
                 *         "email": "grace@example.com",
                 *         "fromRole": "editor",
                 *         "toRole": "admin",
                 *         "changedBy": "mem_01jqa7q4d6f8h0k2m4p6r8t0v1"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "team.member_role_changed";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        memberId: string;
                        email: string;
                        fromRole: string;
                        toRole: string;
                        /** @description The member who changed it */
                        changedBy: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_api_key_revoked: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "api.key_revoked",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "keyId": "key_01jqa7q4d6f8h0k2m4p6r8t0v2",
                 *         "name": "Zapier",
                 *         "reason": "revoked",
                 *         "revokedBy": "usr_01jqa7r8f0h2k4m6p8r0t2v4x7"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "api.key_revoked";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        keyId: string;
                        name: string;
                        /** @enum {string} */
                        reason: "revoked" | "member_removed";
                        /** @description The user, API key or "system" that revoked it */
                        revokedBy: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_domain_verified: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "domain.verified",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "domainId": "dom_01jqa7t0j2m4p6r8t0v2x4z6b8",
                 *         "domain": "links.example.com",
                 *         "method": "dns_txt",
                 *         "verifiedAt": "2026-03-25T14:02:00.000Z",
                 *         "purpose": "both"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "domain.verified";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        domainId: string;
                        /** @description the hostname */
                        domain: string;
                        /**
                         * @description dns_txt: the TXT record; http: the challenge file (proxied DNS)
                         * @enum {string}
                         */
                        method: "dns_txt" | "http";
                        /** @description ISO 8601 time */
                        verifiedAt: string;
                        /** @enum {string} */
                        purpose: "short_links" | "profile" | "both";
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_domain_added: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "domain.added",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "domainId": "dom_01jqa7t0j2m4p6r8t0v2x4z6b8",
                 *         "domain": "links.example.com",
                 *         "purpose": "both",
                 *         "records": [
                 *           {
                 *             "type": "TXT",
                 *             "name": "_linkwire-challenge.links.example.com",
                 *             "value": "lw-verify=q3R0c2Vjb25kLXRva2VuLWV4YW1wbGUtdmFsdWU",
                 *             "purpose": "ownership"
                 *           },
                 *           {
                 *             "type": "CNAME",
                 *             "name": "links.example.com",
                 *             "value": "cname.linkwire.example",
                 *             "purpose": "routing"
                 *           }
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "domain.added";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        domainId: string;
                        domain: string;
                        /** @enum {string} */
                        purpose: "short_links" | "profile" | "both";
                        records: {
                            /** @enum {string} */
                            type: "TXT" | "CNAME" | "A" | "AAAA";
                            name: string;
                            value: string;
                            /** @enum {string} */
                            purpose: "ownership" | "routing";
                        }[];
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_domain_misconfigured: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "domain.misconfigured",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "domainId": "dom_01jqa7t0j2m4p6r8t0v2x4z6b8",
                 *         "domain": "links.example.com",
                 *         "reason": "txt_missing",
                 *         "detail": "TXT _linkwire-challenge.links.example.com: no lw-verify= value found",
                 *         "since": "2026-03-27T14:02:00.000Z",
                 *         "records": [
                 *           {
                 *             "type": "TXT",
                 *             "name": "_linkwire-challenge.links.example.com",
                 *             "purpose": "ownership",
                 *             "expected": "lw-verify=q3R0c2Vjb25kLXRva2VuLWV4YW1wbGUtdmFsdWU",
                 *             "found": null,
                 *             "status": "failed",
                 *             "reason": "txt_missing"
                 *           }
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "domain.misconfigured";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        domainId: string;
                        domain: string;
                        /** @description the failing record’s reason: txt_missing, cname_wrong_target, nxdomain, dns_timeout, … */
                        reason: string;
                        detail: string;
                        /** @description the first failed check in the row */
                        since: string;
                        records: {
                            /** @enum {string} */
                            type: "TXT" | "CNAME" | "A" | "AAAA";
                            name: string;
                            /** @enum {string} */
                            purpose: "ownership" | "routing";
                            expected: string;
                            found: string | null;
                            /** @enum {string} */
                            status: "ok" | "failed";
                            reason: string | null;
                        }[];
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_domain_verification_failed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "domain.verification_failed",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "domainId": "dom_01jqa7t0j2m4p6r8t0v2x4z6b8",
                 *         "domain": "links.example.com",
                 *         "reason": "cname_wrong_target",
                 *         "checks": 22,
                 *         "firstCheckedAt": "2026-03-25T14:01:00.000Z"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "domain.verification_failed";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        domainId: string;
                        domain: string;
                        /** @description the last check’s reason */
                        reason: string;
                        /** @description how many checks were made */
                        checks: number;
                        /** @description ISO 8601 time */
                        firstCheckedAt: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_domain_removed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "domain.removed",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "domainId": "dom_01jqa7t0j2m4p6r8t0v2x4z6b8",
                 *         "domain": "links.example.com",
                 *         "reason": "deleted"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "domain.removed";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        domainId: string;
                        domain: string;
                        /**
                         * @description ownership_transferred: another account proved the TXT record
                         * @enum {string}
                         */
                        reason: "deleted" | "ownership_transferred";
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_integration_connected: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "integration.connected",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "integration": "slack",
                 *         "integrationId": "wh_01jqa7s2h4k6m8p0r2t4v6x8z0"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "integration.connected";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        /** @description slack, discord, teams, zapier, make, n8n, ga4, segment or posthog */
                        integration: string;
                        /** @description The chat or no-code endpoint (wh_…), the API key a no-code tool connected with (key_…), or the analytics sink (int_…) */
                        integrationId: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_link_token_created: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "link.token_created",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "tokenId": "tok_01jqa7t2v4x6z8b0d2f4h6k8m0",
                 *         "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
                 *         "slug": "new-single",
                 *         "domain": "lnk.example.com",
                 *         "appId": "app_01jqa7s8u0w2y4a6c8e0g2j4l6",
                 *         "platform": "android",
                 *         "destUrl": "https://music.example.com/new-single",
                 *         "deepLinkPath": "/tracks/42",
                 *         "channel": "install_referrer",
                 *         "storeUrl": "https://play.google.com/store/apps/details?id=com.example.music&referrer=lw_token%3D…",
                 *         "expiresAt": "2026-03-25T16:32:01.123Z",
                 *         "country": "FR",
                 *         "device": "mobile"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "link.token_created";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        tokenId: string;
                        linkId: string;
                        slug: string;
                        /** @description The host the link was followed on */
                        domain: string;
                        appId: string;
                        /** @enum {string} */
                        platform: "ios" | "android";
                        /** @description The link’s web URL */
                        destUrl: string;
                        /** @description The in-app path of the link (its app.path) */
                        deepLinkPath: string;
                        /**
                         * @description How the token reaches the app: the Play install referrer, or the clipboard copied by the iOS page
                         * @enum {string}
                         */
                        channel: "install_referrer" | "pasteboard";
                        /** @description The store page the visitor was sent to */
                        storeUrl: string;
                        /** @description ISO 8601 time */
                        expiresAt: string;
                        country: string | null;
                        /** @enum {string} */
                        device: "desktop" | "mobile" | "tablet" | "other";
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_link_claim: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "link.claim",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "tokenId": "tok_01jqa7t2v4x6z8b0d2f4h6k8m0",
                 *         "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
                 *         "appId": "app_01jqa7s8u0w2y4a6c8e0g2j4l6",
                 *         "platform": "android",
                 *         "destUrl": "https://music.example.com/new-single",
                 *         "deepLinkPath": "/tracks/42",
                 *         "method": "install_referrer",
                 *         "clickedAt": "2026-03-25T14:32:01.123Z",
                 *         "claimedAt": "2026-03-25T14:34:40.500Z",
                 *         "secondsToClaim": 159,
                 *         "installId": "6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b60"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "link.claim";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        tokenId: string;
                        linkId: string;
                        appId: string;
                        /** @enum {string} */
                        platform: "ios" | "android";
                        /** @description The link’s web URL */
                        destUrl: string;
                        /** @description The in-app path of the link (its app.path) */
                        deepLinkPath: string;
                        /** @enum {string} */
                        method: "install_referrer" | "pasteboard" | "probabilistic";
                        /** @description ISO 8601 time */
                        clickedAt: string;
                        /** @description ISO 8601 time */
                        claimedAt: string;
                        secondsToClaim: number;
                        /** @description The app’s own random per-install id (not the IDFA, IDFV or advertising id) */
                        installId: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_link_app_open: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "link.app_open",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "linkId": "lnk_01jqa7m3yb8w5k2n4p6r8t0v2x",
                 *         "appId": "app_01jqa7s8u0w2y4a6c8e0g2j4l6",
                 *         "platform": "ios",
                 *         "destUrl": "https://music.example.com/new-single",
                 *         "deepLinkPath": "/tracks/42",
                 *         "source": "universal_link",
                 *         "firstOpen": false,
                 *         "installId": "6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b60",
                 *         "appVersion": "2.4.0"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "link.app_open";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        linkId: string;
                        appId: string;
                        /** @enum {string} */
                        platform: "ios" | "android" | "unknown";
                        /** @description The link’s web URL */
                        destUrl: string;
                        /** @description The in-app path of the link (its app.path) */
                        deepLinkPath: string;
                        /** @enum {string} */
                        source: "universal_link" | "app_link" | "uri_scheme";
                        firstOpen: boolean;
                        /** @description The app’s own random per-install id (not the IDFA, IDFV or advertising id) */
                        installId: string;
                        appVersion: string | null;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_link_deferred_claim_attempt: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "link.deferred_claim_attempt",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "appId": "app_01jqa7s8u0w2y4a6c8e0g2j4l6",
                 *         "platform": "android",
                 *         "matched": false,
                 *         "method": "probabilistic",
                 *         "confidence": null,
                 *         "linkId": null,
                 *         "destUrl": null,
                 *         "tokenId": null,
                 *         "reason": "disabled",
                 *         "installId": "6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b60"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "link.deferred_claim_attempt";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        appId: string;
                        /** @enum {string} */
                        platform: "ios" | "android";
                        matched: boolean;
                        /** @constant */
                        method: "probabilistic";
                        confidence: "unique" | null;
                        linkId: string | null;
                        destUrl: string | null;
                        tokenId: string | null;
                        /** @enum {string} */
                        reason: "matched" | "no_candidate" | "ambiguous" | "disabled";
                        /** @description The app’s own random per-install id (not the IDFA, IDFV or advertising id) */
                        installId: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_webhook_disabled: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "webhook.disabled",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "webhookId": "wh_01jqa7s2h4k6m8p0r2t4v6x8z0",
                 *         "url": "https://hooks.example.com/linkwire",
                 *         "reason": "No successful delivery for 72h and at least one delivery exhausted its retries"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "webhook.disabled";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        webhookId: string;
                        url: string;
                        reason: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_integration_disconnected: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed */
                "webhook-timestamp": string;
                /** @description `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks) */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "type": "integration.disconnected",
                 *       "timestamp": "2026-03-25T14:00:00.000Z",
                 *       "accountId": "acc_01jq0v6d1x3m5k7n9p2r4t6w8y",
                 *       "data": {
                 *         "integration": "zapier",
                 *         "integrationId": "wh_01jqa7s2h4k6m8p0r2t4v6x8z0",
                 *         "reason": "deleted"
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description event id, also sent as webhook-id */
                    id: string;
                    /** @constant */
                    type: "integration.disconnected";
                    /** @description ISO 8601 time the event happened */
                    timestamp: string;
                    accountId: string;
                    data: {
                        integration: string;
                        integrationId: string;
                        /** @description Why: removed by a user, or what the destination answered (e.g. "target_gone") */
                        reason: string;
                    };
                };
            };
        };
        responses: {
            /** @description Gone: the endpoint is disabled at once */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Retried after Retry-After (also on 503) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Accepted: any 2xx marks the delivery succeeded */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
