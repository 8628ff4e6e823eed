// A wide table in a region that scrolls sideways on a narrow screen instead of squeezing its
// words; the region is named by the section's heading and takes keyboard focus to scroll.
import type { ComponentChildren } from 'preact';

export function ScrollTable({
  labelledBy,
  minWidth,
  testId,
  children,
}: {
  labelledBy: string;
  minWidth: string;
  testId?: string;
  children: ComponentChildren;
}) {
  return (
    <div
      class="table-scroll"
      style={{ overflowX: 'auto' }}
      role="region"
      aria-labelledby={labelledBy}
      tabIndex={0}
    >
      <table data-testid={testId} style={{ minWidth, overflowWrap: 'normal' }}>
        {children}
      </table>
    </div>
  );
}
