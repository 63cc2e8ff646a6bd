// Imported first by every worker entry, so the lock is in place before any other code runs.
import { lockNetwork } from '../src/lib/engine/networkLock';

lockNetwork(self as unknown as Parameters<typeof lockNetwork>[0]);
