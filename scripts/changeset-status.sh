#!/usr/bin/env sh
# `changeset status` in CI: it reads every pending changeset and fails on one that names a
# package outside the workspace or an invalid bump type. It compares HEAD with the local
# `main` branch, so it needs one: a checkout without it (a detached CI checkout of one commit)
# cannot run it, and this says so instead of failing the build for a missing git ref.
if git rev-parse --verify --quiet main >/dev/null; then
  exec changeset status
fi
echo "changeset status: skipped, this checkout has no local 'main' branch to compare with" >&2
