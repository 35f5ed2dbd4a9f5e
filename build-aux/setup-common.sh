# Shared by build-aux/run and build-aux/test: install what is missing, then
# configure and build. Sourced, not executed.
#
# The package lists are the single source of truth for what a fresh Debian 12
# machine needs; docs/HACKING.md explains each choice.

set -euo pipefail

SILLON_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SILLON_BUILD_DIR=${SILLON_BUILD_DIR:-"$SILLON_SOURCE_DIR/_build"}

# To build and run the application.
SILLON_BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-3-dev libsodium-dev libsqlite3-dev libjson-glib-dev
  libpango1.0-dev libcairo2-dev
  # QR codes on the referral sheets, and the fonts every sheet embeds
  # (Latin, Vietnamese, Arabic).
  libqrencode-dev fonts-noto-core fonts-dejavu-core
  # The data tests' validators: configuring fails without them, so that
  # the desktop file and metainfo checks never vanish from the suite.
  desktop-file-utils appstream
)

# To run the whole test suite: a virtual display, a private D-Bus session
# with the accessibility bus, dogtail and the tools the vault tests and the
# sheet checks use.
SILLON_TEST_PACKAGES=(
  xvfb xauth dbus dbus-x11 at-spi2-core libatk-adaptor
  python3 python3-dogtail python3-gi gir1.2-atspi-2.0 gir1.2-gtk-3.0
  clang clang-format libclang-rt-14-dev
  poppler-utils zbar-tools sqlite3
)

sillon_missing_packages () {
  local pkg missing=()
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  echo "${missing[@]:-}"
}

sillon_install_packages () {
  local missing
  missing=$(sillon_missing_packages "$@")
  [ -z "$missing" ] && return 0

  echo "Sillon needs these Debian packages: $missing"
  local apt=(apt-get)
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "error: not root and sudo is not available; install them as root:" >&2
      echo "  apt-get install $missing" >&2
      exit 1
    fi
    # Without a terminal (CI, a pipe) sudo cannot ask for a password and
    # would fail with a message that does not say what is missing.
    if ! sudo -n true 2>/dev/null && [ ! -t 0 ]; then
      echo "error: not root and sudo needs a password but there is no terminal; install them as root:" >&2
      echo "  apt-get install $missing" >&2
      exit 1
    fi
    # sudo's env_reset drops the variable set in front of it below; given
    # as an argument, sudo sets it for apt-get itself.
    apt=(sudo DEBIAN_FRONTEND=noninteractive apt-get)
  fi
  # An old or empty package list makes apt-get fail to find packages.
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends $missing
}

sillon_configure_and_build () {
  if [ ! -f "$SILLON_BUILD_DIR/build.ninja" ]; then
    meson setup "$SILLON_BUILD_DIR" "$SILLON_SOURCE_DIR" "$@"
  elif [ $# -gt 0 ]; then
    meson configure "$SILLON_BUILD_DIR" "$@"
  fi
  ninja -C "$SILLON_BUILD_DIR"
}
