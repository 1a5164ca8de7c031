import { z } from "zod";

// zod (ours, and Scalar's on /docs/api, which shares it) probes `new Function("")` before
// its first object parse to decide whether to compile parsers. The app's CSP forbids eval,
// so in the browser the probe is refused and reported as a violation on every page that
// parses; jitless skips the probe (parsing stays correct, just interpreted). Imported first
// by the client provider every page renders inside; only in the browser, so server-side
// rendering keeps zod's compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });
