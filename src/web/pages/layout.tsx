import type { Child } from 'hono/jsx';
import type { Language } from '../i18n/i18n.js';
import type { Messages } from '../i18n/messages-en.js';
import { ASSET_PATHS } from '../assets/asset-paths.js';

/** The page shell: landmarks in reading order, one stylesheet, one deferred script (no inline code). */
export function Layout(props: {
  lang: Language;
  m: Messages;
  title: string;
  children: Child;
  /** Extra stylesheet (the embed's theme). */
  themeHref?: string;
  /** Compact shell for the iframe embed (no header/footer chrome). */
  compact?: boolean;
  brand?: { name?: string; logoUrl?: string };
}) {
  const { m } = props;
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
        <link rel="stylesheet" href={ASSET_PATHS.css} />
        {props.themeHref ? <link rel="stylesheet" href={props.themeHref} /> : null}
        <script src={ASSET_PATHS.js} defer></script>
      </head>
      <body class={props.compact ? 'compact' : undefined}>
        <a class="skip" href="#main">
          {m.skipToContent}
        </a>
        {props.compact ? null : (
          <header class="top">
            <div class="wrap top-inner">
              {props.brand?.logoUrl ? <img class="brand-logo" src={props.brand.logoUrl} alt="" width="28" height="28" /> : null}
              <span class="brand">{props.brand?.name ?? m.brand}</span>
            </div>
          </header>
        )}
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        {props.compact ? null : (
          <footer class="wrap foot">
            <p>{m.privacyNote}</p>
            <p>{m.poweredBy}</p>
          </footer>
        )}
      </body>
    </html>
  );
}
