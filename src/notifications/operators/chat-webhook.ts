import { isNetworkErrorCode, NotificationSendError } from '../send-error.js';

/**
 * Posts `{text}` to a Slack-compatible incoming webhook. 2xx is success; 4xx (a revoked or wrong URL, Slack's
 * `invalid_token`/`channel_not_found`) is permanent; 429, 5xx and network trouble are transient.
 */
export async function postChatAlert(webhookUrl: string, text: string, timeoutMs = 10_000): Promise<void> {
  let response: Response;
  try {
    response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const code = cause?.code ?? (error instanceof Error && error.name === 'TimeoutError' ? 'ETIMEDOUT' : undefined);
    throw new NotificationSendError('transient', isNetworkErrorCode(code) ? 'network' : 'unknown', `chat webhook unreachable: ${code ?? String(error)}`, code);
  }
  // The URL holds the webhook's secret: errors name the host only.
  const host = new URL(webhookUrl).host;
  const body = (await response.text()).slice(0, 200);
  if (response.ok) return;
  if (response.status === 429) {
    const retry = Number(response.headers.get('retry-after'));
    throw new NotificationSendError('transient', 'rate_limited', `chat webhook ${host}: 429`, 429, Number.isFinite(retry) ? retry * 1000 : undefined);
  }
  if (response.status >= 500) throw new NotificationSendError('transient', 'provider_unavailable', `chat webhook ${host}: ${response.status} ${body}`, response.status);
  throw new NotificationSendError('permanent', 'rejected', `chat webhook ${host}: ${response.status} ${body}`, response.status);
}
