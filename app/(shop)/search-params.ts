/** The props Next passes to a page, for pages that read the query string. */
export interface SearchParamsProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}
