"""Checks every schema written by `opsdesign schema -o DIR` with Python's
jsonschema (Draft 2020-12, format checking on) and, given a cases file,
validates each case's document with the umbrella schema, printing one line
per case: "<id> accept|reject".

Usage: python3 python-check.py DIR [CASES.json]
"""
import json
import pathlib
import sys

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

base = "file:///schemas/"
root = pathlib.Path(sys.argv[1])
files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.json"))
resources = {}
failed = 0
for f in files:
    schema = json.loads((root / f).read_text(encoding="utf-8"))
    try:
        # check_schema compiles every pattern with Python's re as well.
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        failed += 1
        print(f"python: {f}: {e.message}", file=sys.stderr)
    resources[base + f] = Resource.from_contents(schema, default_specification=DRAFT202012)
registry = Registry().with_resources(resources.items())

def validator(name):
    # By reference to the registered URI, so that relative $refs resolve
    # against it, as they resolve against a file's place on disk.
    return jsonschema.Draft202012Validator({"$ref": base + name}, registry=registry,
                                           format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


for f in files:
    try:
        validator(f).is_valid({})
    except Exception as e:  # an unresolvable $ref
        failed += 1
        print(f"python: {f}: {e}", file=sys.stderr)
print(f"python: checked {len(files) - failed} of {len(files)} schemas", file=sys.stderr)
if len(sys.argv) > 2:
    umbrella = validator("v1/opsdesign.json")
    for c in json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8")):
        print(f"{c['id']} {'accept' if umbrella.is_valid(c['value']) else 'reject'}")
sys.exit(1 if failed else 0)
