/** Pretty-printed JSON (or wrapped text) in a dark block that scrolls (and can be focused to scroll by keyboard). */
export function JsonBlock({ value }: { value: unknown }) {
  const text = typeof value === 'string';
  return (
    <pre
      tabIndex={0}
      className={`max-h-96 overflow-auto rounded-xl bg-char-900 p-4 font-mono text-xs leading-relaxed text-crust-50 ${text ? 'whitespace-pre-wrap break-all' : ''}`}
    >
      {text ? value : JSON.stringify(value, null, 2)}
    </pre>
  );
}
