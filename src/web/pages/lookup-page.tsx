import type { Language } from '../i18n/i18n.js';
import type { Messages } from '../i18n/messages-en.js';
import { Layout } from './layout.js';

export interface LookupPageProps {
  lang: Language;
  m: Messages;
  /** Shown above the form (no match, missing fields, too many attempts, link expired). */
  error?: string;
  /** The friendly "this link no longer works" variant. */
  linkInvalid?: boolean;
  orderCode?: string;
  brand?: { name?: string; logoUrl?: string };
}

/** `/track`: order number + e-mail or postal code. Also the page a broken or expired link lands on. */
export function LookupPage(props: LookupPageProps) {
  const { m } = props;
  const title = props.linkInvalid ? m.linkInvalidTitle : m.lookupTitle;
  return (
    <Layout lang={props.lang} m={m} title={title} brand={props.brand}>
      <section class="card lookup" aria-labelledby="lookup-head">
        <h1 id="lookup-head">{title}</h1>
        <p>{props.linkInvalid ? m.linkInvalid : m.lookupIntro}</p>
        {props.error ? (
          <p class="notice bad" role="alert" id="lookup-error">
            {props.error}
          </p>
        ) : null}
        <form method="post" action="/track" novalidate={false}>
          <div class="field">
            <label for="order">{m.orderNumber}</label>
            <input id="order" name="order" type="text" required autocomplete="off" spellcheck={false} value={props.orderCode ?? ''} aria-describedby="order-hint" />
            <p class="hint" id="order-hint">
              {m.orderNumberHint}
            </p>
          </div>
          <div class="field">
            <label for="proof">{m.emailOrPostal}</label>
            <input id="proof" name="proof" type="text" required autocomplete="email" aria-describedby={props.error ? 'lookup-error' : undefined} />
          </div>
          <button type="submit" class="button wide">
            {m.findOrder}
          </button>
        </form>
      </section>
    </Layout>
  );
}
