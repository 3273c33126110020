// A name with its フリガナ above it (ruby), as on Japanese forms.
export function RubyName({ name, furigana }: { name: string; furigana: string }) {
  if (!furigana) return <span className="name">{name}</span>;
  return (
    <ruby className="name">
      {name}
      <rp>（</rp>
      <rt>{furigana}</rt>
      <rp>）</rp>
    </ruby>
  );
}
