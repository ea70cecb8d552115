// Pages that arrive with the live attendance issue; each says what it will do.
export function Placeholder({ title, text }: { title: string; text: string }) {
  return (
    <section aria-labelledby="placeholder-title">
      <h2 id="placeholder-title">{title}</h2>
      <p>{text}</p>
    </section>
  );
}
