#!/usr/bin/env python3
# help/check-translations.py
#
# Copyright 2026 The virt-desk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fail when a translation of the user guide is incomplete or breaks a page.

For each language in help/LINGUAS: extracts a fresh template from the C
pages, merges the language's .po against it (no untranslated or fuzzy
message allowed), builds the translated pages with itstool and validates
them with yelp-check.

  check-translations.py HELP_SOURCE_DIR FILE...   (the pages and legal.xml)
"""

import os
import subprocess
import sys
import tempfile


def main():
    help_dir = sys.argv[1]
    pages = [os.path.join(help_dir, "C", p) for p in sys.argv[2:]]
    with open(os.path.join(help_dir, "LINGUAS")) as f:
        languages = [l.strip() for l in f if l.strip() and not l.startswith("#")]

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "help.pot")
        subprocess.run(["itstool", "-o", pot] + pages, check=True)
        for lang in languages:
            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "--output-file", merged,
                            os.path.join(help_dir, lang, lang + ".po"), pot], check=True)
            stats = subprocess.run(["msgfmt", "--check", "--statistics", "--output-file",
                                    os.path.join(tmp, lang + ".mo"), merged],
                                   capture_output=True, text=True)
            print(lang + ": " + stats.stderr.strip())
            if stats.returncode != 0 or "untranslated" in stats.stderr or "fuzzy" in stats.stderr:
                ok = False
                continue
            out = os.path.join(tmp, lang)
            os.mkdir(out)
            subprocess.run(["itstool", "-m", os.path.join(tmp, lang + ".mo"), "-l", lang,
                            "-o", out] + pages, check=True)
            built = sorted(os.path.join(out, p) for p in os.listdir(out) if p.endswith(".page"))
            if subprocess.run(["yelp-check", "validate"] + built).returncode != 0:
                ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
