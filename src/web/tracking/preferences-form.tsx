import { fill, LANGUAGES } from '../i18n/i18n.js';
import { maskEmail, maskPhone } from '../../domain/contact-mask.js';
import type { TrackingView } from '../tracking-page-queries.js';
import type { PageContext } from './page-context.js';

/** A change that could not be saved: what the customer sent (the form keeps it, to send again). */
export interface UnsavedPreferences {
  channels: string[];
  language: string;
}

/**
 * Channel toggles and language. A plain POST form (works without JavaScript; the server redirects
 * back); the push button is added by the client script only where the browser supports push. When a
 * change could not be saved (`unsaved`), the form says so and what stays in force, and keeps the
 * customer's new choices ticked so Save sends them again.
 */
export function PreferencesForm(props: { view: TrackingView; ctx: PageContext; action: string; saved: boolean; pushEnabled: boolean; pushKey?: string; unsaved?: UnsavedPreferences }) {
  const { view, ctx } = props;
  const { m } = ctx;
  const shown = props.unsaved ?? view.preferences;
  const on = (ch: string) => shown.channels.includes(ch);
  const label = (ch: string) => (ch === 'email' ? m.email : ch === 'sms' ? m.sms : ch === 'push' ? m.push : ch);
  const kept = view.preferences.channels.map(label);
  const channels = [
    { id: 'email', label: m.email, detail: view.contact.email ? maskEmail(view.contact.email) : undefined },
    // SMS only with a number to send to: the preferences use-case refuses it without one (CHANNEL_NEEDS_PHONE).
    ...(view.contact.phone ? [{ id: 'sms', label: m.sms, detail: maskPhone(view.contact.phone) }] : []),
    ...(props.pushEnabled ? [{ id: 'push', label: m.push, detail: undefined }] : []),
  ];
  return (
    <section class="card prefs" id="preferences" aria-labelledby="prefs-head">
      <h2 id="prefs-head">{m.preferences}</h2>
      {props.saved ? (
        <p class="notice ok" role="status">
          {m.saved}
        </p>
      ) : null}
      {props.unsaved ? (
        <div class="notice bad">
          <p>{m.preferencesUnavailable}</p>
          <p>{kept.length > 0 ? fill(m.preferencesKept, { channels: kept.join(', ') }) : m.preferencesKeptNone}</p>
        </div>
      ) : null}
      <form method="post" action={props.action}>
        <fieldset>
          <legend>{m.preferencesIntro}</legend>
          {channels.map((ch) => (
            <div class="toggle">
              <input type="checkbox" id={`ch-${ch.id}`} name="channels" value={ch.id} checked={on(ch.id)} />
              <label for={`ch-${ch.id}`}>
                {ch.label}
                {ch.detail ? <span class="muted"> ({ch.detail})</span> : null}
              </label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="pref-language">{m.language}</label>
          <select id="pref-language" name="language">
            {LANGUAGES.map((l) => (
              <option value={l} selected={shown.language === l}>
                {m.languages[l]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {m.save}
        </button>
      </form>
      {props.pushKey ? (
        <div class="push" data-push-key={props.pushKey} data-push-url={props.action.replace(/\/preferences$/, "/push")} data-push-text-on={m.pushEnabled} data-push-text-unavailable={m.pushUnavailable}>
          <button type="button" class="button secondary push-button" hidden>
            {m.pushEnable}
          </button>
          <p class="push-status muted" role="status"></p>
        </div>
      ) : null}
    </section>
  );
}
