"""Kueue's webhook configurations, pointed at a manager on loopback.

Kueue ships them (config/components/webhook/manifests.yaml) for an in-cluster Service; the test
cluster runs the manager as a local process, so each webhook's clientConfig becomes a URL with our
CA's bundle. Only the webhooks of the frameworks Atelier uses (batch/v1 Jobs) and Kueue's own
objects are kept, so the API server never calls a webhook nobody serves.

usage: kueue_webhooks.py MANIFESTS_YAML BASE_URL CA_CRT > webhooks.yaml
"""

import base64
import sys

import yaml

KEEP = ("/mutate-batch-v1-job", "/validate-batch-v1-job", "kueue-x-k8s-io")


def main(manifests: str, base_url: str, ca_file: str) -> None:
    ca = base64.b64encode(open(ca_file, "rb").read()).decode()
    out = []
    for doc in yaml.safe_load_all(open(manifests)):
        if not doc or doc.get("kind") not in (
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration",
        ):
            continue
        webhooks = []
        for hook in doc.get("webhooks", []):
            path = hook["clientConfig"]["service"]["path"]
            if not any(k in path for k in KEEP):
                continue
            hook["clientConfig"] = {"url": base_url + path, "caBundle": ca}
            webhooks.append(hook)
        doc["metadata"] = {"name": "atelier-" + doc["metadata"]["name"]}
        doc["webhooks"] = webhooks
        out.append(doc)
    yaml.safe_dump_all(out, sys.stdout, sort_keys=False)


if __name__ == "__main__":
    main(*sys.argv[1:4])
