// `npm test` and `npm run build` call this before anything else.
import "@/lib/runtime/require-node";
