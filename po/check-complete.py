#!/usr/bin/env python3
# po/check-complete.py
#
# Copyright 2026 The virt-desk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fail when a language in LINGUAS is incomplete for the current sources.

Extracts a fresh template from POTFILES.in (the same xgettext options as
meson's glib preset), merges each catalogue against it in a temporary
directory and fails on any untranslated or fuzzy message, or a msgfmt
--check error (format strings, accelerators, header).

  check-complete.py SOURCE_ROOT
"""

import os
import re
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
]


def main():
    root = sys.argv[1]
    po_dir = os.path.join(root, "po")
    with open(os.path.join(po_dir, "LINGUAS")) as f:
        languages = [l.strip() for l in f if l.strip() and not l.startswith("#")]

    ok = True

    # Every source file with a marked string is listed in POTFILES.in.
    with open(os.path.join(po_dir, "POTFILES.in")) as f:
        listed = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    markers = re.compile(r'\b(N?C?_|g_dngettext)\s*\(\s*"|translatable="yes"')
    for folder in ("src", "ui", "data"):
        for dirpath, _, names in os.walk(os.path.join(root, folder)):
            for name in names:
                if not name.endswith((".c", ".ui", ".in", ".xml")):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    if markers.search(f.read()) and os.path.relpath(path, root) not in listed:
                        ok = False
                        print("not in POTFILES.in: " + os.path.relpath(path, root))

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "virt-desk.pot")
        subprocess.run(["xgettext", "--package-name=virt-desk", "--directory", root,
                        "--files-from", os.path.join(po_dir, "POTFILES.in"),
                        "--output", pot] + XGETTEXT_ARGS, check=True)
        for lang in languages:
            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "--output-file", merged,
                            os.path.join(po_dir, lang + ".po"), pot], check=True)
            check = subprocess.run(["msgfmt", "--check", "--check-accelerators=_", "--statistics",
                                    "--output-file", os.devnull, merged],
                                   capture_output=True, text=True)
            print(lang + ": " + check.stderr.strip())
            if check.returncode != 0:
                ok = False
            missing = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", merged],
                                     capture_output=True, text=True, check=True).stdout
            fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-obsolete", merged],
                                   capture_output=True, text=True, check=True).stdout
            for kind, text in (("untranslated", missing), ("fuzzy", fuzzy)):
                ids = [l for l in text.splitlines() if l.startswith("msgid ") and l != 'msgid ""']
                if ids:
                    ok = False
                    print("%s: %d %s: %s" % (lang, len(ids), kind, "; ".join(ids[:10])))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
