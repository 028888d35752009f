/** A failed call's message where it happened, announced to screen readers; nothing when there is none. */
export function ErrorText({
  text,
  block = false,
  testId,
}: {
  text: string | null | undefined;
  block?: boolean;
  testId?: string;
}) {
  if (!text) return null;
  const Tag = block ? 'p' : 'span';
  return (
    <Tag className="error-text" role="alert" data-testid={testId}>
      {text}
    </Tag>
  );
}
