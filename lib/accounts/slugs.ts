// Slugs: the readable ids in URLs and `--project demo-app`. Pure.
import { z } from "zod";

export const slugSchema = z
  .string()
  .min(2, "slug must be at least 2 characters")
  .max(48, "slug must be at most 48 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "slug may hold lowercase letters, digits and single dashes");

export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
}
