#!/usr/bin/env bash
# Exports each repository of ecosystem/repos.tsv at its judged commit from local clones into the
# snapshot layout `npm run ecosystem` reads, and writes the commit into DEST/<owner>+<name>/
# .fcg-ecosystem-commit so the check can refuse a snapshot of another commit.
#
#   scripts/ecosystem-export.sh MIRRORDIR DEST [owner/name]...
#
# MIRRORDIR/<owner>+<name>/repo is a clone: a work tree (its git directory is repo/.git) or a bare
# repository (repo itself). Without names, every repository of repos.tsv is exported.
#
# `git archive` would stop at the first blob missing from a partial clone; checking the commit's
# tree out through a throw-away index writes every other file, and the missing ones are named as
# warnings. The tree is the commit's as committed (export-ignore and export-subst do not apply).
set -euo pipefail

usage() {
  echo "usage: scripts/ecosystem-export.sh MIRRORDIR DEST [owner/name]..." >&2
  exit 2
}
[ $# -ge 2 ] || usage
mirror=$1
dest=$2
shift 2
repos_tsv="$(cd "$(dirname "$0")/.." && pwd)/ecosystem/repos.tsv"
marker=.fcg-ecosystem-commit
mkdir -p "$dest"

wanted() {
  [ $# -eq 1 ] && return 0
  local name=$1
  shift
  for only in "$@"; do [ "$only" = "$name" ] && return 0; done
  return 1
}

export_one() {
  local repo=$1 commit=$2
  local slug=${repo/\//+}
  local src="$mirror/$slug/repo" out="$dest/$slug"
  local git_dir="$src"
  [ -d "$src/.git" ] && git_dir="$src/.git"
  if ! git --git-dir="$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "$repo: commit $commit is not in $git_dir" >&2
    return 1
  fi
  if [ -e "$out" ]; then
    # Replace only what this script wrote: a directory without the marker may be someone's work.
    if [ ! -f "$out/$marker" ]; then
      echo "$repo: $out exists and is not an export (no $marker); remove it first" >&2
      return 1
    fi
    rm -rf -- "$out"
  fi
  mkdir -p "$out"
  local index errors
  index=$(mktemp)
  errors=$(mktemp)
  rm -f "$index" # read-tree wants to create the index itself
  GIT_INDEX_FILE="$index" git --git-dir="$git_dir" read-tree "$commit"
  if ! GIT_INDEX_FILE="$index" git --git-dir="$git_dir" --work-tree="$out" checkout-index -a -f 2>"$errors"; then
    local missing
    missing=$(git --git-dir="$git_dir" ls-tree -r "$commit" |
      awk -F'\t' '$1 ~ / blob / { split($1, meta, " "); print meta[3] "\t" $2 }' |
      while IFS=$'\t' read -r blob path; do
        git --git-dir="$git_dir" cat-file -e "$blob" 2>/dev/null || printf '%s\n' "$path"
      done)
    if [ -z "$missing" ]; then
      cat "$errors" >&2
      rm -f "$index" "$errors"
      return 1
    fi
    while IFS= read -r path; do echo "warning: $repo: $path skipped (its blob is missing from the clone)" >&2; done <<<"$missing"
  fi
  rm -f "$index" "$errors"
  printf '%s\n' "$commit" >"$out/$marker"
  echo "$repo $commit -> $out"
}

failed=0
while IFS=$'\t' read -r repo commit _kind; do
  case "$repo" in '' | '#'* | repo) continue ;; esac
  wanted "$repo" "$@" || continue
  export_one "$repo" "$commit" || failed=1
done <"$repos_tsv"
exit $failed
