#!/usr/bin/env bash
# Rewrites README's rule table and the header rows of docs/rules/SL*.md from the rule catalogue
# (analyzers/ShiftLeft.Analyzers/Rules/RuleCatalog.cs). The analyzer tests fail until the written files are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
SHIFTLEFT_REGENERATE_DOCS=1 dotnet test tests/ShiftLeft.Analyzers.Tests -c Release --nologo -v:q \
  --filter "FullyQualifiedName~GeneratedRuleDocumentationTests"
git status --short README.md docs/rules
