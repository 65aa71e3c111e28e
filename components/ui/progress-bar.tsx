// An accessible progress bar. With no known total it is indeterminate (no aria-valuenow).
interface ProgressBarProps {
  percent: number | null;
  label: string;
  tone?: "active" | "done" | "failed" | "cancelled";
  size?: "sm" | "md";
}

const tones = { active: "bg-indigo-500", done: "bg-emerald-500", failed: "bg-red-500", cancelled: "bg-amber-500" };

export function ProgressBar({ percent, label, tone = "active", size = "sm" }: ProgressBarProps) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(percent === null ? {} : { "aria-valuenow": percent })}
      className={`${size === "sm" ? "h-1.5" : "h-2.5"} w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800`}
    >
      <div
        className={`h-full rounded-full transition-[width] duration-500 ${tones[tone]} ${percent === null ? "w-1/3 animate-pulse" : ""}`}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
