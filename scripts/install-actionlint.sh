#!/usr/bin/env bash
# Installs actionlint, the GitHub Actions workflow linter, into the git-ignored .tools/bin.
# It is built from the Go module proxy (no download site is reachable here), once: a binary
# that already reports the pinned version is kept, so a second run takes milliseconds.
# The workflow test (test/workflows) runs .tools/bin/actionlint over .github/workflows.
set -euo pipefail
cd "$(dirname "$0")/.."

# Bump here to upgrade; the Go module proxy serves every tagged release.
version="v1.7.12"
bin=".tools/bin/actionlint"

if [[ -x "$bin" ]] && [[ "$("$bin" -version 2>/dev/null | head -n 1)" == "${version}" ]]; then
  exit 0
fi

if ! command -v go >/dev/null; then
  echo "install-actionlint: Go is not installed; install Go 1.24 or later and run again" >&2
  exit 1
fi

mkdir -p .tools/bin
echo "install-actionlint: building actionlint ${version} from the Go module proxy" >&2
# -ldflags stamps the version that `actionlint -version` prints, as its release builds do.
GOBIN="$PWD/.tools/bin" CGO_ENABLED=0 go install \
  -ldflags "-s -w -X github.com/rhysd/actionlint.version=${version}" \
  "github.com/rhysd/actionlint/cmd/actionlint@${version}"
