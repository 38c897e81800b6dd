import { Flex, Skeleton } from '@backstage/ui';

/** What is shown while something loads: Backstage UI skeleton lines, named for screen readers. */
export function Loading({
  label,
  lines = 3,
}: {
  /** What is loading, e.g. "Loading orders". */
  label: string;
  lines?: number;
}) {
  return (
    <Flex
      direction="column"
      gap="2"
      role="progressbar"
      aria-label={label}
      aria-busy
      data-testid="progress"
    >
      {Array.from({ length: lines }, (_, index) => (
        <Skeleton
          key={index}
          height={16}
          width={index === 0 ? '60%' : '100%'}
        />
      ))}
    </Flex>
  );
}
