"""Builds libvosia from the repository's Cargo.toml into the package (vosia/_libvosia.*).

setuptools-rust does the building (Binding.NoBinding: a plain C library, no Python
extension). The wheel is tagged py3-none-<platform>: the library is loaded with ctypes, so
one wheel serves every Python 3 of that platform.
"""
import os

from setuptools import setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools_rust import Binding, RustExtension

HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = os.path.join(HERE, "..", "Cargo.toml")


class bdist_wheel_ctypes(bdist_wheel):
    """Tags the wheel for any Python 3 of the platform it was built on."""

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


if not os.path.exists(MANIFEST):
    raise SystemExit(
        f"vosia: {MANIFEST} not found: the Python package is built from within the vosia "
        "repository (pip install ./python), which holds the Rust crate it compiles")

setup(
    rust_extensions=[
        RustExtension(
            "vosia._libvosia",
            path=os.path.relpath(MANIFEST),
            binding=Binding.NoBinding,
            # The crate's release profile keeps line tables (debug = 1); the wheel's
            # library goes without them.
            rustc_flags=["-Cstrip=debuginfo"],
        )
    ],
    cmdclass={"bdist_wheel": bdist_wheel_ctypes},
)
