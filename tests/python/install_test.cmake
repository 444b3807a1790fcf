# ctest driver: install the Python module, then import and use it from outside the source and
# build trees (the working directory is a fresh temporary folder, PYTHONPATH only the install).
#
#   MODE=cmake  `cmake --install` of the build tree into a fresh prefix
#   MODE=pip    `pip install --no-build-isolation --target` from a copy of the source tree (a copy,
#               so that pip's in-tree build leaves nothing in the checkout); builds the library
#               from scratch through setup.py, a few minutes on two cores
#
# Expects -DMODE=... -DPYTHON=... -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DPYTHON_INSTALL_DIR=...
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
function(run_step)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err
                  WORKING_DIRECTORY ${WORK_DIR})
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "step failed (${status}): ${ARGV}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
endfunction()

if(MODE STREQUAL "cmake")
  run_step(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix --component python)
  set(site ${WORK_DIR}/prefix/${PYTHON_INSTALL_DIR})
elseif(MODE STREQUAL "pip")
  foreach(item CMakeLists.txt cmake include src python setup.py pyproject.toml README.md)
    file(COPY ${SOURCE_DIR}/${item} DESTINATION ${WORK_DIR}/source)
  endforeach()
  file(REMOVE_RECURSE ${WORK_DIR}/source/build ${WORK_DIR}/source/build-pip)
  run_step(${CMAKE_COMMAND} -E env CMAKE_BUILD_PARALLEL_LEVEL=2
           ${PYTHON} -m pip install --no-build-isolation --no-deps --no-cache-dir --disable-pip-version-check
           --target ${WORK_DIR}/site ${WORK_DIR}/source)
  set(site ${WORK_DIR}/site)
else()
  message(FATAL_ERROR "MODE must be cmake or pip, not '${MODE}'")
endif()

# The installed package must be the one imported, and must work.
set(check [=[
import math, sys
import numpy as np
import kullback
site = sys.argv[1]
assert kullback.__file__.startswith(site), (kullback.__file__, site)
value = kullback.kl([0.5, 0.5], [0.9, 0.1])
expected = 0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(0.5 / 0.1)
assert abs(value - expected) <= 1e-15 * expected, (value, expected)
batch = kullback.js(np.full((3, 4), 0.25), [0.1, 0.2, 0.3, 0.4])
assert batch.shape == (3,), batch.shape
try:
    kullback.kl([0.5, 0.5], [1.5, -0.5])
except ValueError as error:
    assert "kullback::kl" in str(error), error
else:
    raise AssertionError("bad input was accepted")
from kullback.distributions import Normal
value = kullback.kl(Normal(0.0, 1.0), Normal(1.0, 2.0))
assert abs(value - (math.log(2.0) - 0.25)) <= 1e-15, value
print("imported", kullback.__version__, "from", kullback.__file__)
]=])
run_step(${CMAKE_COMMAND} -E env PYTHONPATH=${site} PYTHONNOUSERSITE=1 ${PYTHON} -c "${check}" ${site})
