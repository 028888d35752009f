#!/usr/bin/env bash
# npm run test:one -- <test file> [-t name]: one test file the way CI (.ci/run) runs it: CI=true, so
# keychain and browser tests run instead of skipping, inside a D-Bus session with a gnome-keyring
# unlocked for this run only (scripts/with-keyring.sh).
set -euo pipefail
if [ $# -eq 0 ]; then
  echo 'usage: npm run test:one -- <test file> [-t "test name"]' >&2
  exit 2
fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo 'test:one: dbus-run-session or gnome-keyring-daemon is missing (Debian: apt install dbus-daemon gnome-keyring);' >&2
  echo 'test:one: running without CI=true, so keychain tests skip.' >&2
  exec vitest run "$@"
fi
export CI=true
exec bash "$(dirname "$0")/with-keyring.sh" vitest run "$@"
