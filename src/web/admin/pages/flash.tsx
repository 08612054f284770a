/** The outcome of the last form, from the `done=` / `error=` of the redirect. */
export function Flash(props: { done?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {props.done ? (
        <p class="notice ok" role="status">
          {props.done}
        </p>
      ) : null}
      {props.error ? (
        <p class="notice bad" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  );
}
