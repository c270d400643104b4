// Each collection runs its own portal process and Chromium; side by side on a small machine their page round-trips
// slow past Playwright's timeouts, so collections run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
