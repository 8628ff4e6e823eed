#!/usr/bin/env python3
"""Merges the module fragments (api/fragments/<module>.json: {"paths": ..., "schemas": ...}) into
api/openapi.json, replacing what a fragment defines and keeping everything else. Idempotent.
Run it after editing a fragment; the app's OpenAPI test then checks the document against the
router, and tests/openapi validates it."""
import json
import pathlib

api = pathlib.Path(__file__).resolve().parent
doc_path = api / "openapi.json"
doc = json.loads(doc_path.read_text(encoding="utf-8"))
tags = {t["name"] for t in doc.get("tags", [])}
for fragment_path in sorted((api / "fragments").glob("*.json")):
    fragment = json.loads(fragment_path.read_text(encoding="utf-8"))
    doc["paths"].update(fragment.get("paths", {}))
    doc["components"]["schemas"].update(fragment.get("schemas", {}))
    for item in fragment.get("paths", {}).values():
        for op in item.values():
            for tag in op.get("tags", []) if isinstance(op, dict) else []:
                if tag not in tags:
                    doc.setdefault("tags", []).append({"name": tag})
                    tags.add(tag)
doc_path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"{doc_path}: {sum(len(v) for v in doc['paths'].values())} operations")
