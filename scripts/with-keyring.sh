#!/usr/bin/env bash
# bash scripts/with-keyring.sh <command…>: runs the command in a private D-Bus session with a
# gnome-keyring that is unlocked for this run only, in a fresh keyring folder (a keyring left by
# another run, with another password, would stay locked).
#
# gnome-keyring 42.1 (Debian 12) crashes now and then under connection churn: a client that leaves
# right after a call trips "gkd_secret_service_get_pkcs11_session: assertion 'client' failed"
# (reproduced here: one process doing set/get in a loop crashes it within about a minute). D-Bus
# then starts the stock service file's daemon on the next call, with the login keyring locked, so
# every later keychain call in the run fails. This session's own service file comes first and
# starts the daemon unlocked again, so a crash costs the calls in flight at that moment (which the
# vault retries once) instead of the rest of the run.
set -euo pipefail
if [ $# -eq 0 ]; then
  echo 'usage: bash scripts/with-keyring.sh <command…>' >&2
  exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "with-keyring: $tool is missing (Debian: apt install dbus-daemon gnome-keyring)" >&2
    exit 2
  fi
done

session="$(mktemp -d)"
trap 'rm -rf "$session"' EXIT
export XDG_DATA_HOME="$session/data"
mkdir -p "$XDG_DATA_HOME" "$session/services"

# The keyring needs a password to create and unlock its login collection; this one is throwaway.
cat >"$session/keyring-daemon" <<'EOF'
#!/bin/sh
printf %s throwaway-keyring-password | exec gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null
EOF
chmod +x "$session/keyring-daemon"

cat >"$session/services/org.freedesktop.secrets.service" <<EOF
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=$session/keyring-daemon
EOF

# A service directory listed first wins over the standard ones that session.conf adds.
cat >"$session/session.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <servicedir>$session/services</servicedir>
  <include>/usr/share/dbus-1/session.conf</include>
</busconfig>
EOF

dbus-run-session --config-file="$session/session.conf" -- "$@"
