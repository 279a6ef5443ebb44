import { escapeHtml as e } from '../web/render.js';

// The HTML of app-link routing: small (no external asset, inline CSS and JS), accessible (one
// heading, real links that work without JavaScript, visible focus, 44 px targets, system colours).

const STYLE = `:root{color-scheme:light dark;font-family:system-ui,-apple-system,sans-serif}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:Canvas;color:CanvasText}
main{max-width:26rem;padding:2rem 1.5rem;text-align:center}
h1{font-size:1.4rem;margin:0 0 .5rem}p{line-height:1.5;margin:0 0 1.5rem}
a{display:block;min-height:44px;line-height:44px;border-radius:12px;font-weight:600;text-decoration:none;margin:.75rem 0}
.primary{background:#0a58ca;color:#fff}.secondary{color:LinkText;text-decoration:underline}
a:focus-visible{outline:3px solid #ffb000;outline-offset:3px}`;

const shell = (title: string, body: string, script = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)}</title><style>${STYLE}</style></head><body><main>${body}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;

/** JSON inside a <script>: `<` is escaped so no value can close the element. */
const js = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** iOS without the app: "Get the app" copies `lw:<token>` (the app claims it on first open), then opens the App Store. */
export function renderInterstitial(opts: { title: string; appName: string; storeUrl: string; webUrl: string; clipboardText: string }): string {
  const body = `<h1>${e(opts.title)}</h1><p>Open this in the ${e(opts.appName)} app. Tapping “Get the app” copies a one-time code so the app can take you straight here after it is installed.</p>
<a id="get" class="primary" href="${e(opts.storeUrl)}">Get the app</a>
<a class="secondary" href="${e(opts.webUrl)}">Continue to the website</a>
<p id="status" role="status" aria-live="polite"></p>`;
  // navigator.clipboard first; where an in-app browser lacks it (or refuses), a selected textarea
  // and execCommand('copy'), still inside the tap. Either way the App Store opens.
  const script = `var T=${js(opts.clipboardText)};function legacy(){var t=document.createElement('textarea');t.value=T;t.setAttribute('readonly','');t.style.position='fixed';t.style.opacity='0';document.body.appendChild(t);t.select();t.setSelectionRange(0,T.length);var ok=false;try{ok=document.execCommand('copy')}catch(_){}document.body.removeChild(t);return ok}
document.getElementById('get').addEventListener('click',function(ev){ev.preventDefault();var href=this.href,s=document.getElementById('status');
var go=function(){location.href=href},done=function(){s.textContent='Code copied. Opening the App Store…';go()};
if(navigator.clipboard&&navigator.clipboard.writeText)navigator.clipboard.writeText(T).then(done,function(){legacy();go()});else{legacy()?done():go()}});`;
  return shell(opts.title, body, script);
}

/** A Mac-Safari user agent may be an iPad (iPadOS 13+ sends "Macintosh"): ask the device, come back with the answer. */
export function renderPlatformProbe(opts: { webUrl: string }): string {
  const body = `<h1>Opening…</h1><p><a class="secondary" href="${e(opts.webUrl)}">Continue to the website</a></p>`;
  const script = `var u=new URL(location.href);u.searchParams.set('lw_platform',navigator.maxTouchPoints>1?'ios':'desktop');location.replace(u.toString());`;
  return shell('Opening…', body, script);
}

/** Link previews (crawlers, chat unfurlers): the title and the web URL, nothing counted. */
export function renderPreview(opts: { title: string; url: string }): string {
  const head = `<meta property="og:title" content="${e(opts.title)}"><meta property="og:url" content="${e(opts.url)}">`;
  return shell(opts.title, `<h1>${e(opts.title)}</h1><a class="primary" href="${e(opts.url)}">Open ${e(opts.url)}</a>`).replace('</title>', `</title>${head}`);
}
