/** Messages shown to the person: errors that say what to do, and notices. */
export interface Message {
  id: number;
  tone: 'error' | 'warning' | 'info';
  title: string;
  detail?: string;
  hint?: string;
}

let nextId = 1;

export class Messages {
  list = $state<Message[]>([]);

  push(m: Omit<Message, 'id'>): number {
    const id = nextId++;
    this.list = [...this.list, { ...m, id }];
    return id;
  }

  dismiss(id: number): void {
    this.list = this.list.filter((m) => m.id !== id);
  }
}
