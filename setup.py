"""Builds and installs the Python module with pip, through the project's own CMake build.

    /usr/bin/python3 -m pip install --no-build-isolation .              # into a virtualenv
    /usr/bin/python3 -m pip install --no-build-isolation --target DIR .  # into a directory

--no-build-isolation makes pip use the setuptools and wheel already installed (Debian's
python3-setuptools, python3-wheel) instead of downloading them. Needs the C++ build dependencies
of scripts/install_dependencies.sh (CMake, a C++20 compiler, Highway, OpenMP, pybind11).
The CMake configuration builds only the extension (no tests, benchmarks or command), for the
interpreter that runs pip.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def library_version() -> str:
    """The single source of the version: include/kullback/version.hpp."""
    text = (ROOT / "include" / "kullback" / "version.hpp").read_text()
    return re.search(r'version = "([^"]+)"', text).group(1)


class CMakeExtension(Extension):
    def __init__(self, name: str):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    """Configures and builds the `_kullback` target, then copies it where setuptools expects it."""

    def build_extension(self, ext: Extension) -> None:
        build_dir = Path(self.build_temp).resolve() / "cmake"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            f"-DPython_EXECUTABLE={sys.executable}",
            "-DKULLBACK_BUILD_PYTHON=ON",
            "-DKULLBACK_BUILD_TESTS=OFF",
            "-DKULLBACK_BUILD_BENCHMARKS=OFF",
            "-DKULLBACK_BUILD_CLI=OFF",
        ]
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_kullback", "-j", jobs], check=True)
        built = sorted((build_dir / "python" / "kullback").glob("_kullback*"))
        built = [path for path in built if path.suffix in (".so", ".pyd")]
        if len(built) != 1:
            raise RuntimeError(f"expected one built _kullback module in {build_dir}, found {built}")
        destination = Path(self.get_ext_fullpath(ext.name))
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], destination)


setup(
    name="kullback",
    version=library_version(),
    description="Divergences between probability distributions, right to the last digits",
    long_description=(ROOT / "README.md").read_text(),
    long_description_content_type="text/markdown",
    python_requires=">=3.8",
    install_requires=["numpy"],
    packages=["kullback"],
    package_dir={"": "python"},
    package_data={"kullback": ["*.pyi", "py.typed"]},
    ext_modules=[CMakeExtension("kullback._kullback")],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' default "build/" is the CMake release preset's directory; keep them apart.
    options={"build": {"build_base": "build-pip"}},
    zip_safe=False,
)
