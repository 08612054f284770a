/** Where the docs page's own files are served. */
export const DOCS_ASSETS_PATH = '/docs/assets';

/**
 * The HTML of `/docs`: Swagger UI from the app's own asset routes, started by a script file of ours rather
 * than an inline one, so a Content-Security-Policy without 'unsafe-inline' still allows it.
 */
export function docsPageHtml(assetVersion: string): string {
  const asset = (name: string) => `${DOCS_ASSETS_PATH}/${name}?v=${encodeURIComponent(assetVersion)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>order-tracking API</title>
<link rel="icon" type="image/png" href="${asset('favicon-32x32.png')}">
<link rel="stylesheet" href="${asset('swagger-ui.css')}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${asset('swagger-ui-bundle.js')}"></script>
<script src="${asset('docs-init.js')}"></script>
</body>
</html>
`;
}

/**
 * Starts Swagger UI on the app's document. `validatorUrl: null`: Swagger UI otherwise sends the document's
 * URL to validator.swagger.io for a badge, a call to a third party on every visit.
 */
export const DOCS_INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });
});
`;
