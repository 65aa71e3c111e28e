"use client";
// A params field that picks from the project's pulled data (the definition's `pickers`): a
// combobox (ARIA 1.2: the input owns a listbox, arrows move, Enter picks, Escape closes) over the
// locales, versions, builds or reviews Pull All copied. Whatever is picked or typed is the field's
// value as the params schema takes it, so a raw value can still be typed or pasted. With nothing
// pulled it says so, and offers Pull All.
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Stars } from "@/components/store/stars";
import { dayText, territoryName } from "@/components/store/format";
import type { ReviewOption } from "@/lib/dashboard/picker-options";
import type { ParamPicker as PickerKind } from "@/lib/jobs/definition";
import { getPickerOptions, type PickerOptions } from "../api";
import { buildItem, localeItem, matchesSearch, pickerNouns, replyText, reviewLine, snippet, versionItem, type PickerItem } from "./picker-text";

interface ParamPickerProps {
  projectId: string;
  kind: PickerKind;
  /** The input's id: the field's <label> names the combobox. */
  id: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
  invalid: boolean;
  inputClass: string;
  /** Opens Run now for Pull All; absent when it cannot be run from here. */
  onRunPull?: () => void;
}

type Reply = "unanswered" | "any";
// Typing pauses this long before the server searches the reviews: one request per pause, not per key.
const SEARCH_PAUSE_MS = 250;
// While nothing is pulled, the picker looks again this often, so it fills once Pull All has run.
const WAIT_FOR_PULL_MS = 5000;

export function ParamPicker({ projectId, kind, id, name, value, onChange, describedBy, invalid, inputClass, onRunPull }: ParamPickerProps) {
  const listId = useId();
  const hintId = useId();
  const [open, setOpen] = useState(false);
  // What was typed since the last pick: the search. Picking clears it, so reopening shows everything.
  const [search, setSearch] = useState("");
  const [serverSearch, setServerSearch] = useState("");
  const [reply, setReply] = useState<Reply>("unanswered");
  // The option the arrows are on; none until they move (typing alone picks nothing).
  const [active, setActive] = useState(-1);
  const [picked, setPicked] = useState<ReviewOption | null>(null);
  const isReview = kind === "review";
  // The list closes when focus moves elsewhere (Tab), or after a click elsewhere: not at the press,
  // since closing then would shrink the dialog under the pointer and the click (Start run) would
  // land beside its button. Focus lost to nothing (a button disabled or removed) keeps it open.
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const inside = (target: EventTarget | null) => target instanceof Node && Boolean(wrapper.current?.contains(target));
    let pressed = false;
    let pressedOutside = false;
    const down = (event: PointerEvent) => {
      pressed = true;
      pressedOutside = !inside(event.target);
    };
    const up = () => (pressed = false);
    const click = () => pressedOutside && setOpen(false);
    const focus = (event: FocusEvent) => !pressed && !inside(event.target) && setOpen(false);
    window.addEventListener("pointerdown", down, true);
    window.addEventListener("pointerup", up, true);
    window.addEventListener("click", click);
    document.addEventListener("focusin", focus);
    return () => {
      window.removeEventListener("pointerdown", down, true);
      window.removeEventListener("pointerup", up, true);
      window.removeEventListener("click", click);
      document.removeEventListener("focusin", focus);
    };
  }, [open]);

  useEffect(() => {
    if (!isReview) return;
    const timer = setTimeout(() => setServerSearch(search.trim()), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [isReview, search]);

  const query = useInfiniteQuery({
    queryKey: ["picker-options", projectId, kind, isReview ? serverSearch : "", isReview ? reply : ""],
    queryFn: ({ pageParam }) => getPickerOptions(projectId, { kind, ...(isReview ? { q: serverSearch || undefined, reply, cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (current) => (current.state.data?.pages[0]?.pulled === false ? WAIT_FOR_PULL_MS : false),
  });
  const pages = useMemo(() => query.data?.pages ?? [], [query.data]);
  const first = pages[0];
  const items = useMemo(() => itemsOf(pages, isReview ? "" : search), [pages, isReview, search]);
  const reviews = useMemo(() => new Map(pages.flatMap((page) => (page.kind === "review" ? page.options : [])).map((review) => [review.value, review])), [pages]);
  const nothingPulled = first?.pulled === false;
  const noun = pickerNouns[kind];
  const activeItem = open && active >= 0 ? items[Math.min(active, items.length - 1)] : undefined;
  const optionId = (index: number) => `${listId}-option-${index}`;

  function choose(item: PickerItem) {
    onChange(item.value);
    setPicked(reviews.get(item.value) ?? null);
    setSearch("");
    setActive(-1);
    setOpen(false);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (items.length === 0 ? -1 : current < 0 ? (step === 1 ? 0 : items.length - 1) : (Math.min(current, items.length - 1) + step + items.length) % items.length));
    } else if (event.key === "Enter" && open && activeItem) {
      // Enter picks the option in view rather than submitting the form.
      event.preventDefault();
      choose(activeItem);
    } else if (event.key === "Escape" && open) {
      // The first Escape closes the list, not the dialog around it.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  const countText = first && isReview ? `${first.total.toLocaleString("en-US")} ${reply === "unanswered" ? "unanswered " : ""}review${first.total === 1 ? "" : "s"}${serverSearch ? ` match “${serverSearch}”` : ""}` : null;
  const describedByAll = [describedBy, nothingPulled ? hintId : null].filter(Boolean).join(" ") || undefined;

  return (
    <div ref={wrapper} className="relative">
      <input
        id={id}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeItem ? optionId(items.indexOf(activeItem)) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedByAll}
        placeholder={isReview ? "Search reviews, or paste a review id" : `Pick a ${noun.one} or type one`}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          setSearch(event.target.value);
          setPicked(null);
          setActive(-1);
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        className={inputClass}
      />
      {picked && picked.value === value && !open && <PickedReview review={picked} />}
      {nothingPulled && (
        <p id={hintId} className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-950/50 dark:text-amber-100">
          <span>Nothing pulled yet — run Pull All first, or type the {noun.one}.</span>
          {onRunPull && (
            <button type="button" onClick={onRunPull} className="font-semibold underline underline-offset-2 hover:no-underline">
              Run Pull All
            </button>
          )}
        </p>
      )}
      {/* In the dialog's flow rather than floating: the body scrolls, so the list is never cut off on a phone. */}
      <div hidden={!open} className="mt-1 rounded-md border border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-950">
        {/* Which reviews, and how many: nothing to filter or count before a pull. */}
        {isReview && !nothingPulled && (
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-2 py-1.5 dark:border-slate-700">
            <div role="group" aria-label="Which reviews" className="flex gap-1">
              {(["unanswered", "any"] as const).map((choice) => (
                <button
                  key={choice}
                  type="button"
                  aria-pressed={reply === choice}
                  onClick={() => setReply(choice)}
                  className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${reply === choice ? "bg-indigo-600 text-white dark:bg-indigo-500" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
                >
                  {choice === "unanswered" ? "Unanswered" : "All reviews"}
                </button>
              ))}
            </div>
            <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
              {query.isFetching ? "Searching…" : countText}
            </span>
          </div>
        )}
        <ul id={listId} role="listbox" aria-label={noun.plural} className="max-h-72 overflow-y-auto py-1">
          {items.map((item, index) => {
            const review = reviews.get(item.value);
            return (
              <li
                key={item.value}
                id={optionId(index)}
                role="option"
                aria-selected={item.value === value}
                data-value={item.value}
                // Keeps the focus in the input, so the list does not close before the click lands.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(item)}
                onMouseMove={() => setActive(index)}
                className={`cursor-pointer px-3 py-2 ${item === activeItem ? "bg-indigo-50 dark:bg-indigo-950/60" : ""} ${item.value === value ? "font-medium" : ""}`}
              >
                {review ? <ReviewLine review={review} /> : <OptionLine item={item} />}
              </li>
            );
          })}
          {items.length === 0 && (
            <li role="presentation" className="px-3 py-2 text-xs text-slate-600 dark:text-slate-400">
              {query.isPending ? "Loading…" : nothingPulled ? `No ${noun.plural.toLowerCase()} pulled yet.` : `No pulled ${noun.one} matches; the text as typed is sent.`}
            </li>
          )}
        </ul>
        {query.hasNextPage && (
          <div className="border-t border-slate-200 px-2 py-1.5 dark:border-slate-700">
            <button
              type="button"
              // Not disabled while loading: a disabled button loses the focus, which would close the list.
              aria-busy={query.isFetchingNextPage}
              onClick={() => !query.isFetchingNextPage && query.fetchNextPage()}
              className="w-full rounded px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950/60"
            >
              {query.isFetchingNextPage ? "Loading…" : "Load more reviews"}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

function itemsOf(pages: PickerOptions[], search: string): PickerItem[] {
  const items = pages.flatMap((page): PickerItem[] => {
    switch (page.kind) {
      case "locale":
        return page.options.map(localeItem);
      case "version":
        return page.options.map(versionItem);
      case "build":
        return page.options.map(buildItem);
      case "review":
        return page.options.map((review) => ({ value: review.value, primary: reviewLine(review), secondary: snippet(review.body) }));
    }
  });
  return search.trim() ? items.filter((item) => matchesSearch(item, search)) : items;
}

function OptionLine({ item }: { item: PickerItem }) {
  return (
    <>
      <span className="block truncate text-sm">{item.primary}</span>
      {item.secondary && <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{item.secondary}</span>}
    </>
  );
}

function ReviewLine({ review }: { review: ReviewOption }) {
  const answered = replyText(review.responseState);
  return (
    <>
      <span className="flex min-w-0 items-center gap-2">
        <Stars value={review.rating} size="sm" />
        <span className="truncate text-sm font-medium">{review.title ?? "(no title)"}</span>
      </span>
      <span className="mt-0.5 block text-xs text-slate-600 dark:text-slate-400">
        {review.reviewerNickname ?? "anonymous"} · {territoryName(review.territory)} · {dayText(review.createdDate)}
        {answered && <span className="ml-1 rounded bg-emerald-50 px-1 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">{answered}</span>}
      </span>
      {review.body && <span className="mt-0.5 line-clamp-2 block text-xs text-slate-700 dark:text-slate-300">{snippet(review.body)}</span>}
    </>
  );
}

/** The review picked, under the field: what the response will answer. */
function PickedReview({ review }: { review: ReviewOption }) {
  return (
    <div role="group" aria-label="Picked review" className="mt-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 dark:border-slate-700 dark:bg-slate-800/60">
      <ReviewLine review={review} />
    </div>
  );
}
