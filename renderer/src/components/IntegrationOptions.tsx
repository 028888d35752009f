/** One `<option>` per integration, named, valued by its ID: every integration filter lists them so. */
export function IntegrationOptions({ list }: { list: readonly { id: string; name: string }[] }) {
  return (
    <>
      {list.map((i) => (
        <option key={i.id} value={i.id}>
          {i.name}
        </option>
      ))}
    </>
  );
}
