#!/usr/bin/env bash
# npm run test:one -- <test file> [-t name]: one test file the way CI (.ci/run) runs it: CI=true, so
# keychain and browser tests run instead of skipping, inside a D-Bus session with a gnome-keyring
# unlocked for this run only (a fresh keyring folder, so a keyring left by another run cannot be locked).
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
XDG_DATA_HOME="$(mktemp -d)"
export CI=true XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
# The keyring needs a password to create and unlock its default collection; this one is throwaway.
dbus-run-session -- bash -c 'echo -n test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; vitest run "$@"' test-one "$@"
