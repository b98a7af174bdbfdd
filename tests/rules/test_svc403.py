"""SVC403: a process starting on a channel its product does not list — one finding per product."""

from __future__ import annotations

from tests.conftest import codes

PRODUCT = "catalog/products/adreswijziging.yaml"
PROCESS = "processes/adreswijziging.yaml"


def svc403(root) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0] == "SVC403"]


def start_on(channel: str | None) -> str:
    channel_key = f", channel: {channel}" if channel else ""
    return (
        "id: adreswijziging\nname: Adreswijziging\nstart: aangifte\nsteps:\n"
        "  - {id: bevestiging, name: Bevestiging, unit: burgerzaken, channel: mail}\n"
        f"  - {{id: aangifte, name: Aangifte, unit: burgerzaken{channel_key}, next: bevestiging}}\n"
    )


def test_silent_on_the_fixture(catalog) -> None:
    assert svc403(catalog()) == []  # starts on web, which the product lists


def test_start_channel_the_product_does_not_list(catalog) -> None:
    root = catalog(
        {
            PROCESS: start_on("counter"),
            PRODUCT: "id: adreswijziging\nname: A\nowner: onthaal\nprocess: adreswijziging\nchannels: [web]\n",
            "catalog/products/kopie.yaml": "id: kopie\nname: Kopie\nowner: onthaal\nprocess: adreswijziging\n"
            "channels: [phone, counter]\n",
        }
    )
    # two products share the process; only the one without `counter` is reported, at its `channels`
    assert svc403(root) == [("SVC403", PRODUCT, 5, "product:adreswijziging")]


def test_silent_when_the_start_has_no_channel(catalog) -> None:
    root = catalog(
        {
            PROCESS: start_on(None),
            PRODUCT: "id: adreswijziging\nname: A\nowner: onthaal\nprocess: adreswijziging\nchannels: [web]\n",
        }
    )
    assert svc403(root) == []


def test_planned_product_without_process_is_silent(catalog) -> None:
    root = catalog({PRODUCT: "id: adreswijziging\nname: A\nowner: onthaal\nstatus: planned\nchannels: [phone]\n"})
    assert svc403(root) == []
