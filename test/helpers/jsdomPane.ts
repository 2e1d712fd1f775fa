/**
 * What the task pane needs from a browser that jsdom lacks, installed on import (import it before React
 * Testing Library and Fluent): TextEncoder/TextDecoder, and the ResizeObserver Fluent's MessageBar uses.
 */
import { TextDecoder, TextEncoder } from "util";

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

Object.assign(globalThis, { TextDecoder, TextEncoder, ResizeObserver: ResizeObserverStub });
