"""An independent age implementation (pyrage, from PyPI) on the other side of Naungan's backups.

  age_peer.py check-backup FILE PASSPHRASE   decrypt a backup the app wrote; check the documented
                                             JSON fields; print the record count
  age_peer.py encrypt IN OUT PASSPHRASE      encrypt IN (plain JSON) to OUT with pyrage
"""
import json
import sys

import pyrage.passphrase

DOC_FIELDS = ["format", "format_version", "created_at", "shelter", "app_version",
              "record_count", "records_sha256", "records"]
RECORD_FIELDS = ["id", "kind", "rev", "created_at", "updated_at", "created_by", "updated_by",
                 "deleted", "versions", "schema", "data"]


def check_backup(path, passphrase):
    with open(path, "rb") as f:
        plain = pyrage.passphrase.decrypt(f.read(), passphrase)
    doc = json.loads(plain)
    missing = [k for k in DOC_FIELDS if k not in doc]
    assert not missing, f"document fields missing: {missing}"
    assert doc["format"] == "naungan-backup", doc["format"]
    assert doc["record_count"] == len(doc["records"])
    for r in doc["records"]:
        missing = [k for k in RECORD_FIELDS if k not in r]
        assert not missing, f"record fields missing: {missing}"
        assert (r["data"] is None) == r["deleted"], r["id"]
    print(doc["record_count"])


def encrypt(src, dst, passphrase):
    with open(src, "rb") as f:
        data = f.read()
    with open(dst, "wb") as f:
        f.write(pyrage.passphrase.encrypt(data, passphrase))


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"check-backup": check_backup, "encrypt": encrypt}[cmd](*args)
