// The few icons the dashboard uses, as inline SVG (no icon font, no network). Decorative:
// every control that shows one also has a text label or an aria-label.
type IconProps = { className?: string };
const base = "shrink-0";

function Svg({ className = "size-4", children }: IconProps & { children: React.ReactNode }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" className={`${base} ${className}`}>
      {children}
    </svg>
  );
}

export const ChevronDown = (props: IconProps) => <Svg {...props}><path d="m5 8 5 5 5-5" /></Svg>;
export const Check = (props: IconProps) => <Svg {...props}><path d="m4 10.5 4 4 8-9" /></Svg>;
export const Cross = (props: IconProps) => <Svg {...props}><path d="m5 5 10 10M15 5 5 15" /></Svg>;
export const Play = (props: IconProps) => <Svg {...props}><path d="M6 4.5v11l9-5.5-9-5.5Z" /></Svg>;
export const Retry = (props: IconProps) => <Svg {...props}><path d="M4 10a6 6 0 1 0 1.8-4.3M4 4v3.5h3.5" /></Svg>;
export const Stop = (props: IconProps) => <Svg {...props}><rect x="5" y="5" width="10" height="10" rx="1.5" /></Svg>;
export const Alert = (props: IconProps) => <Svg {...props}><path d="M10 3 2.5 16.5h15L10 3Z" /><path d="M10 8v4M10 14.5v.01" /></Svg>;
export const Sun = (props: IconProps) => <Svg {...props}><circle cx="10" cy="10" r="3.5" /><path d="M10 2v1.5M10 16.5V18M2 10h1.5M16.5 10H18M4.3 4.3l1 1M14.7 14.7l1 1M4.3 15.7l1-1M14.7 5.3l1-1" /></Svg>;
export const Moon = (props: IconProps) => <Svg {...props}><path d="M16 12.5A6.5 6.5 0 0 1 7.5 4a6.5 6.5 0 1 0 8.5 8.5Z" /></Svg>;
export const Monitor = (props: IconProps) => <Svg {...props}><rect x="2.5" y="3.5" width="15" height="10" rx="1.5" /><path d="M7 17h6M10 13.5V17" /></Svg>;
export const Key = (props: IconProps) => <Svg {...props}><circle cx="7" cy="13" r="3.5" /><path d="m9.5 10.5 7-7M14 6l2 2" /></Svg>;
export const Bell = (props: IconProps) => <Svg {...props}><path d="M5 14.5V9a5 5 0 0 1 10 0v5.5l1.5 1.5h-13L5 14.5ZM8.5 17.5a1.5 1.5 0 0 0 3 0" /></Svg>;
export const History = (props: IconProps) => <Svg {...props}><circle cx="10" cy="10" r="7" /><path d="M10 6v4l2.5 2.5" /></Svg>;
export const Copy = (props: IconProps) => <Svg {...props}><rect x="7" y="7" width="9.5" height="9.5" rx="1.5" /><path d="M13 7V4.5A1.5 1.5 0 0 0 11.5 3h-7A1.5 1.5 0 0 0 3 4.5v7A1.5 1.5 0 0 0 4.5 13H7" /></Svg>;
export const Logout = (props: IconProps) => <Svg {...props}><path d="M12 4H5v12h7M9 10h8M14 7l3 3-3 3" /></Svg>;
export const Logo = ({ className = "size-6" }: IconProps) => (
  <svg aria-hidden="true" viewBox="0 0 24 24" className={`${base} ${className}`}>
    <rect x="2" y="2" width="20" height="20" rx="6" className="fill-indigo-600" />
    <path d="M7 8.5h10M7 12h7M7 15.5h4" stroke="white" strokeWidth="2" strokeLinecap="round" />
  </svg>
);
