"""Puts the Hunspell dictionaries newsdesk checks spelling with into
``resources/spelling/dictionaries/`` (run by ``packaging/install.sh``; a bundle ships
that folder). Nothing is fetched when newsdesk runs.

- ``fr-classique``: Grammalecte's French « classique » dictionary, v7.5, from the npm
  package ``dictionary-fr`` (wooorm/dictionaries repackages grammalecte.net's files).
- ``en-US`` and ``en-GB``: the npm packages ``dictionary-en`` and ``dictionary-en-gb``.
- ``fr-reforme1990``: Grammalecte's « réforme 1990 » dictionary, v7.0, from Debian's
  ``hunspell-fr-revised`` (no registry this project reaches carries a newer one as
  Hunspell files); only where ``apt-get`` is there, else that variant is not offered.

Each tarball is checked against the integrity the npm registry publishes for it; each
folder keeps the licence and a ``SOURCE`` line saying where it came from. Plain
standard library: it runs before the virtual environment exists.

    python3 packaging/fetch_dictionaries.py [--force]
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "resources" / "spelling" / "dictionaries"
REGISTRY = "https://registry.npmjs.org"

# (folder, npm package, version, the registry's dist.integrity)
NPM = (
    (
        "fr-classique",
        "dictionary-fr",
        "3.0.0",
        "sha512-fhDRX1cRyHPA69GJg8R4XgNYgSQvbNHj3kr5UqvEG1OS5pJqH6P3GbO7wpTCwvr5KMQ0NxGIsXps9P5NyXRVEg==",
    ),
    (
        "en-US",
        "dictionary-en",
        "4.0.0",
        "sha512-3NHnE1uq33ZE/CIwaZ6gqxa4BnglHnxeAcTM0GJ7cmtRGcvX9InMK/IqLtYcUMFCUpUNgybH+DzkqdgAo3F1zg==",
    ),
    (
        "en-GB",
        "dictionary-en-gb",
        "3.0.0",
        "sha512-gU/dwC9xGYPh/0CCcmGNXO8OwSgOySAqevcSXxADCsgUD+tr6OJ52u7XaC7No7dNssvdUSfVjkzcqLrRZq3kPA==",
    ),
)
DEBIAN = (("fr-reforme1990", "hunspell-fr-revised", "fr_FR"),)


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in ("index.aff", "index.dic", "LICENSE"))


def _npm(folder: Path, package: str, version: str, integrity: str) -> None:
    url = f"{REGISTRY}/{package}/-/{package}-{version}.tgz"
    with urllib.request.urlopen(url, timeout=120) as answer:  # a fixed https URL of the registry
        data = answer.read()
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise SystemExit(f"newsdesk: {package}-{version}.tgz does not match its integrity")
    staging = folder.with_name(folder.name + ".part")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member, name in (
            ("package/index.aff", "index.aff"),
            ("package/index.dic", "index.dic"),
            ("package/license", "LICENSE"),
        ):
            source = archive.extractfile(member)
            if source is None:
                raise SystemExit(f"newsdesk: {member} missing from {package}-{version}.tgz")
            (staging / name).write_bytes(source.read())
    (staging / "SOURCE").write_text(f"npm {package}@{version} {integrity}\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)


def _debian(folder: Path, package: str, stem: str) -> bool:
    if shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None:
        return False
    with tempfile.TemporaryDirectory() as work:
        fetched = subprocess.run(
            ["apt-get", "download", "-qq", package], cwd=work, capture_output=True, text=True
        )
        debs = list(Path(work).glob(f"{package}_*.deb"))
        if fetched.returncode != 0 or not debs:
            print(f"newsdesk: {package} not found with apt-get: {fetched.stderr.strip()}")
            return False
        unpacked = Path(work) / "root"
        subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(unpacked)], check=True)
        version = subprocess.run(
            ["dpkg-deb", "-f", str(debs[0]), "Version"], capture_output=True, text=True
        ).stdout.strip()
        staging = folder.with_name(folder.name + ".part")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        shutil.copy(unpacked / "usr/share/hunspell" / f"{stem}.aff", staging / "index.aff")
        shutil.copy(unpacked / "usr/share/hunspell" / f"{stem}.dic", staging / "index.dic")
        shutil.copy(unpacked / "usr/share/doc" / package / "copyright", staging / "LICENSE")
        (staging / "SOURCE").write_text(f"debian {package} {version}\n", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    return True


def main(argv: list[str]) -> int:
    force = "--force" in argv
    TARGET.mkdir(parents=True, exist_ok=True)
    for folder_name, package, version, integrity in NPM:
        folder = TARGET / folder_name
        if force or not _complete(folder):
            print(f"newsdesk: dictionary {folder_name} from npm {package}@{version}")
            _npm(folder, package, version, integrity)
    for folder_name, package, stem in DEBIAN:
        folder = TARGET / folder_name
        if (force or not _complete(folder)) and not _debian(folder, package, stem):
            print(f"newsdesk: dictionary {folder_name} left out (no {package} here)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
