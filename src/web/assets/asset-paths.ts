/**
 * Static asset URLs. The version segment changes when an asset changes, so browsers may cache them for
 * a year (`immutable`).
 */
export const ASSET_VERSION = '2';
export const ASSET_PATHS = {
  css: `/web/assets/${ASSET_VERSION}/app.css`,
  js: `/web/assets/${ASSET_VERSION}/app.js`,
  embedSnippet: '/web/embed.js',
  theme: '/web/theme.css',
} as const;
