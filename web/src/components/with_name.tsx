// A translated sentence with a person's name in it: the sentence is rendered with NAME_SLOT where
// the name goes, and the name is put back marked as not to be translated.

/** Stands for a person's name inside a translated sentence, so the name can be marked apart. */
export const NAME_SLOT = '\u0001';

/** A translated sentence with a person's name in it, the name marked as not to be translated. */
export function WithName({ text, name }: { text: string; name: string }) {
  const [before, after = ''] = text.split(NAME_SLOT);
  return (
    <>
      {before}
      <bdi translate={false}>{name}</bdi>
      {after}
    </>
  );
}
