// A star rating as five stars filled to the average (4.6 fills four and most of the fifth), with
// the number for screen readers.
import { ratingText } from "./format";

const star = "10,1.6 12.5,7.1 18.4,7.6 13.9,11.5 15.2,17.4 10,14.3 4.8,17.4 6.1,11.5 1.6,7.6 7.5,7.1";
const sizes = { sm: "h-3.5 w-[4.375rem]", md: "h-4 w-20", lg: "h-6 w-30" } as const;

function Row({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 100 20" aria-hidden="true" className={`block max-w-none fill-current ${className}`}>
      {[0, 1, 2, 3, 4].map((index) => (
        <polygon key={index} points={star} transform={`translate(${index * 20} 0)`} />
      ))}
    </svg>
  );
}

export function Stars({ value, size = "md" }: { value: number; size?: keyof typeof sizes }) {
  const filled = (Math.min(5, Math.max(0, value)) / 5) * 100;
  return (
    <span role="img" aria-label={`${ratingText(value)} out of 5 stars`} className={`relative inline-block shrink-0 ${sizes[size]}`}>
      <Row className={`text-slate-200 dark:text-slate-700 ${sizes[size]}`} />
      <span className="absolute inset-y-0 left-0 overflow-hidden" style={{ width: `${filled}%` }}>
        <Row className={`text-amber-400 ${sizes[size]}`} />
      </span>
    </span>
  );
}
