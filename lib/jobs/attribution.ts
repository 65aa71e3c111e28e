// Who or what starts a run (PRODUCT.md "Job semantics" 2): a person, an API key, a schedule, a
// retry of another run, or the server owner's admin CLI.

/** Who a person or key is, when they trigger or retry: the user receives notify emails. */
export interface Attribution {
  userId: string | null;
  apiKeyId: string | null;
}

export type TriggerSource =
  | { kind: "user"; userId: string }
  | ({ kind: "api_key" } & Attribution)
  | { kind: "schedule" }
  | ({ kind: "retry"; retryOfId: string } & Attribution)
  | { kind: "admin_cli" };
