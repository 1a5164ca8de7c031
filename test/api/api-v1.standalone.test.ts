import { defineApiSuite } from "./api-suite";

// The whole API suite, the coverage of every operation included, over HTTP against the
// standalone host (npm run api): both hosts serve one route table and must answer alike.
defineApiSuite("postgres", "standalone");
