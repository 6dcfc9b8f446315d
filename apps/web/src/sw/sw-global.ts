/// <reference lib="webworker" />
/** The worker's global scope, typed (the console's tsconfig has the DOM lib, not the WebWorker one). */
export const sw = self as unknown as ServiceWorkerGlobalScope;
