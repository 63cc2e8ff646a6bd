/**
 * Which customer's page is open. Any grid showing customer ids, and a `#customer=` link,
 * open a page through here; App shows the Customers view whenever `opened` changes.
 */
export class CustomerPageState {
  /** The customer whose page is shown; null shows only the search. */
  id = $state<string | null>(null);
  /** Bumped on every request to open a page (even the same customer again). */
  opened = $state(0);

  open(customerId: string): void {
    this.id = customerId;
    this.opened++;
  }

  close(): void {
    this.id = null;
  }
}

export const customerPage = new CustomerPageState();
