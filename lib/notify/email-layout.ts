// The one shape of every email Taskdeck sends (run emails, team notifications): a title, a table
// of facts, optional lists, a link and a footer, as text and as HTML with every value escaped.
// Pure: the outbox stores what this returns.

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface EmailDocument {
  subject: string;
  rows?: Array<[string, string]>;
  /** Titled lists: the issues of a scan, the reviews of a sync. */
  lists?: Array<{ title: string; items: string[] }>;
  link?: { label: string; href: string };
  /** Said after the link, when there is one; in its place otherwise. */
  footer?: string;
}

const escapeHtml = (value: string) =>
  value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const font = `font-family:sans-serif`;

export function renderEmail(document: EmailDocument): EmailContent {
  const rows = document.rows ?? [];
  const lists = document.lists ?? [];
  const text = [
    document.subject,
    "",
    ...rows.map(([label, value]) => `${label}: ${value}`),
    ...lists.flatMap((list) => ["", `${list.title}:`, ...list.items.map((item) => `- ${item}`)]),
    "",
    ...(document.link ? [`${document.link.label}: ${document.link.href}`] : []),
    ...(document.footer ? [document.footer] : []),
    "",
  ].join("\n");
  const html = [
    `<h2 style="${font}">${escapeHtml(document.subject)}</h2>`,
    ...(rows.length
      ? [
          `<table style="${font};border-collapse:collapse">`,
          ...rows.map(([label, value]) => `<tr><th align="left" style="padding:4px 12px 4px 0">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`),
          `</table>`,
        ]
      : []),
    ...lists.flatMap((list) => [
      `<h3 style="${font}">${escapeHtml(list.title)}</h3>`,
      `<ul style="${font}">`,
      ...list.items.map((item) => `<li>${escapeHtml(item)}</li>`),
      `</ul>`,
    ]),
    ...(document.link ? [`<p style="${font}"><a href="${escapeHtml(document.link.href)}">${escapeHtml(document.link.label)}</a></p>`] : []),
    ...(document.footer ? [`<p style="${font};color:#64748b;font-size:12px">${escapeHtml(document.footer)}</p>`] : []),
  ].join("\n");
  return { subject: document.subject, text, html };
}
