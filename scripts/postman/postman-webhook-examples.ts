import { JSON_CONTENT_TYPE, jsonBody, postmanUrl, type PostmanEvent, type PostmanFolder, type PostmanItem, type PostmanKeyValue } from './postman-model.js';

/** A carrier webhook body to replay against `POST /webhooks/{carrier}`. */
export interface WebhookExample {
  carrier: string;
  name: string;
  /** The raw body exactly as the carrier sent it. */
  body: string;
}

/** Which carrier payloads become examples (paths relative to `test/fixtures/carriers/`). */
export const WEBHOOK_EXAMPLE_FILES: ReadonlyArray<{ carrier: string; name: string; file: string }> = [
  { carrier: 'easypost', name: 'EasyPost tracker.updated', file: 'easypost/event-body.json' },
  { carrier: 'aftership', name: 'AfterShip tracking_update (InTransit)', file: 'aftership/webhook_tracking_update_InTransit.signed-bytes.json' },
  { carrier: 'shippo', name: 'Shippo track_updated (DELIVERED)', file: 'shippo/webhook_track_updated_DELIVERED.reconstructed.json' },
  { carrier: 'ups', name: 'UPS Track Alert (out for delivery)', file: 'ups/trackalert_webhook_out_for_delivery.json' },
];

/** Name of the folder holding the webhook examples. */
export const WEBHOOK_FOLDER_NAME = 'Carrier webhooks (examples)';

// Postman sandbox scripts (CryptoJS is built in there) computing the same signatures our verifiers check,
// so a replayed example passes verification once the collection variable holds the configured secret.
function signingScript(variable: string, key: string, encoding: 'Hex' | 'Base64', prefix = ''): PostmanEvent {
  return {
    listen: 'prerequest',
    script: {
      type: 'text/javascript',
      exec: [
        `const mac = CryptoJS.HmacSHA256(pm.request.body.raw, ${key});`,
        `pm.variables.set('${variable}', '${prefix}' + mac.toString(CryptoJS.enc.${encoding}));`,
      ],
    },
  };
}

/** How each carrier proves origin to our webhook endpoint: headers, query and an optional signing script. */
const AUTH: Readonly<Record<string, { header?: PostmanKeyValue; query?: PostmanKeyValue; event?: PostmanEvent; how: string }>> = {
  easypost: {
    header: { key: 'X-Hmac-Signature', value: '{{easypostSignature}}' },
    event: signingScript('easypostSignature', "(pm.variables.get('easypostWebhookSecret') || '').normalize('NFKD')", 'Hex', 'hmac-sha256-hex='),
    how: 'Signed with HMAC-SHA256 (hex) of the raw body using `{{easypostWebhookSecret}}` by the pre-request script.',
  },
  aftership: {
    header: { key: 'aftership-hmac-sha256', value: '{{aftershipSignature}}' },
    event: signingScript('aftershipSignature', "pm.variables.get('aftershipWebhookSecret') || ''", 'Base64'),
    how: 'Signed with HMAC-SHA256 (base64) of the raw body using `{{aftershipWebhookSecret}}` by the pre-request script.',
  },
  shippo: {
    query: { key: 'token', value: '{{shippoWebhookToken}}' },
    how: 'Shippo signs nothing: the secret travels as `?token=` in the webhook URL (`{{shippoWebhookToken}}`).',
  },
  ups: {
    header: { key: 'credential', value: '{{upsWebhookCredential}}' },
    how: 'UPS echoes the subscription credential in the `credential` header (`{{upsWebhookCredential}}`).',
  },
};

/** Collection variables the webhook examples use (secrets start empty: fill them from your configuration). */
export const WEBHOOK_VARIABLES: readonly PostmanKeyValue[] = [
  { key: 'easypostWebhookSecret', value: '', description: 'EasyPost webhook secret configured in the API' },
  { key: 'aftershipWebhookSecret', value: '', description: 'AfterShip webhook secret configured in the API' },
  { key: 'shippoWebhookToken', value: '', description: 'Token in the Shippo webhook URL' },
  { key: 'upsWebhookCredential', value: '', description: 'Credential given to the UPS Track Alert subscription' },
];

function webhookItem(example: WebhookExample): PostmanItem {
  const auth = AUTH[example.carrier];
  const header = [JSON_CONTENT_TYPE, ...(auth?.header ? [auth.header] : [])];
  const carrier: PostmanKeyValue = { key: 'carrier', value: example.carrier };
  const item: PostmanItem = {
    name: example.name,
    request: {
      method: 'POST',
      header,
      url: postmanUrl('/webhooks/{carrier}', auth?.query ? [auth.query] : [], [carrier]),
      body: jsonBody(example.body),
      description: `A real ${example.carrier} webhook body, sent byte for byte. ${auth?.how ?? ''}`.trim(),
    },
    response: [],
  };
  if (auth?.event) item.event = [auth.event];
  return item;
}

/** The "Carrier webhooks (examples)" folder: one `POST /webhooks/:carrier` request per example body. */
export function webhookExamplesFolder(examples: readonly WebhookExample[]): PostmanFolder {
  return {
    name: WEBHOOK_FOLDER_NAME,
    description: 'Carrier webhook deliveries replayed against this API. Each verifies as the carrier would be verified.',
    item: examples.map(webhookItem),
  };
}
