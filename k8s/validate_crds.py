"""Checks objects of custom kinds (Kueue's) against their CustomResourceDefinitions' schemas.

kubernetes-validate knows only Kubernetes' own kinds. This reads a multi-document YAML file,
checks every object whose API group has CRDs in CRD_DIR against the matching version's
openAPIV3Schema (strictly: a field the schema does not name is an error, as for the rest), and
writes every other object to OUT for kubernetes-validate. CEL rules (x-kubernetes-validations)
are not evaluated: those only the API server can check.

usage: validate_crds.py CRD_DIR IN OUT   (CRD_DIR may be "" when the CRDs are not on this machine:
objects of the groups in SKIPPABLE_GROUPS are then left out with a notice, not checked)
"""

import pathlib
import sys

import jsonschema
import yaml

SKIPPABLE_GROUPS = {"kueue.x-k8s.io"}


def strict(schema):
    """The schema with additionalProperties: false wherever it lists properties and allows no more."""
    if isinstance(schema, dict):
        out = {k: strict(v) for k, v in schema.items()}
        if (
            "properties" in out
            and "additionalProperties" not in out
            and not out.get("x-kubernetes-preserve-unknown-fields")
        ):
            out["additionalProperties"] = False
        if out.pop("nullable", False) and "type" in out:
            out["type"] = [out["type"], "null"]
        return out
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def load_crds(crd_dir):
    schemas = {}
    for path in sorted(pathlib.Path(crd_dir).glob("*.yaml")) if crd_dir else []:
        crd = yaml.safe_load(path.read_text())
        if not crd or crd.get("kind") != "CustomResourceDefinition":
            continue
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            schema = strict(version["schema"]["openAPIV3Schema"])
            schemas[(f"{group}/{version['name']}", kind)] = schema
    return schemas


def main(crd_dir, source, target):
    schemas = load_crds(crd_dir)
    groups = {api.split("/")[0] for api, _ in schemas}
    rest, checked, skipped, errors = [], 0, 0, []
    for doc in yaml.safe_load_all(pathlib.Path(source).read_text()):
        if not doc:
            continue
        api, kind = doc.get("apiVersion", ""), doc.get("kind", "")
        group = api.split("/")[0] if "/" in api else ""
        name = f"{kind} {doc.get('metadata', {}).get('name', '?')}"
        if group in groups:
            schema = schemas.get((api, kind))
            if schema is None:
                errors.append(f"{name}: no CRD in {crd_dir} defines {kind} in {api}")
                continue
            for error in jsonschema.Draft7Validator(schema).iter_errors(doc):
                where = ".".join(str(p) for p in error.absolute_path) or "(object)"
                errors.append(f"{name}: {where}: {error.message}")
            checked += 1
        elif group in SKIPPABLE_GROUPS:
            skipped += 1
        else:
            rest.append(doc)
    pathlib.Path(target).write_text(yaml.safe_dump_all(rest, sort_keys=False))
    for error in errors:
        print(error)
    if skipped:
        print(f"NOTE: {skipped} object(s) of {', '.join(sorted(SKIPPABLE_GROUPS))} not checked: no CRDs found")
    return checked, errors


if __name__ == "__main__":
    checked, errors = main(*sys.argv[1:4])
    sys.exit(1 if errors else 0)
