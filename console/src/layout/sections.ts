/** An entry of the console's navigation: where it leads and who sees it. */
export interface Section {
  to: string;
  label: string;
  /** Whether the signed-in person sees the entry (their permissions, from the session's claims). */
  visible: () => boolean;
}
