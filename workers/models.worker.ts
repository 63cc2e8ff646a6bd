/// <reference lib="webworker" />
// Thin entry: CLV model fits and per-customer predictions, off the main thread.
import './lock-network';
import * as Comlink from 'comlink';
import { createModelsApi } from '../src/lib/clv/cell/api';

Comlink.expose(createModelsApi(Comlink.transfer));
