#include "array_input.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <string>

namespace kullback::python {

namespace {

std::string shape_text(const std::vector<py::ssize_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  if (shape.size() == 1) text += ",";
  return text + ")";
}

std::string prefix(const char* function, const char* name) { return std::string(function) + ": " + name; }

// A NumPy masked array would lose its mask in the conversion below (as np.asarray loses it), and
// the masked entries would count: refuse it rather than return a number for other data.
void reject_masked(const char* function, const char* name, py::handle value) {
  static const py::handle ndarray = py::object(py::module_::import("numpy").attr("ndarray")).release();
  if (value.get_type().is(ndarray) || !py::isinstance<py::array>(value)) return;  // the common case, no lookup
  if (py::module_::import("numpy.ma").attr("isMaskedArray")(value).cast<bool>()) {
    throw py::type_error(prefix(function, name) +
                         " is a masked array, whose mask kullback would ignore; pass .filled(0) or the "
                         "compressed data instead");
  }
}

// dtype.byteorder: '=' native, '|' not applicable, '<' little- and '>' big-endian (read from the
// descriptor: cheaper than the Python attribute dtype.isnative on every call).
bool is_native_byte_order(char order) {
  constexpr char native = std::endian::native == std::endian::little ? '<' : '>';
  return order == '=' || order == '|' || order == native;
}

// An argument as the library reads it, and the machine epsilon of the dtype the caller gave.
struct real_array {
  py::array array;  // float32 or float64, native byte order (the caller's own array when it is one)
  double epsilon;
};

real_array as_real_array(const char* function, const char* name, py::handle value) {
  reject_masked(function, name, value);
  py::array array = py::array::ensure(value);
  if (!array) {
    // ensure() swallows NumPy's reason (ragged lists, ...): ask again for it, and raise it with
    // the function and argument named, as every other message is.
    try {
      py::module_::import("numpy").attr("asarray")(value);
    } catch (py::error_already_set& e) {
      const std::string reason = py::str(e.value()).cast<std::string>();
      if (e.matches(PyExc_ValueError)) {
        throw py::value_error(prefix(function, name) + " is not a valid array: " + reason);
      }
      throw py::type_error(prefix(function, name) + " is not array-like: " + reason);
    }
    throw py::type_error(prefix(function, name) + " is not array-like");
  }
  const char kind = array.dtype().kind();
  const auto itemsize = array.itemsize();
  constexpr double float_epsilon = std::numeric_limits<float>::epsilon();
  constexpr double double_epsilon = std::numeric_limits<double>::epsilon();
  if (kind == 'f' && (itemsize == 4 || itemsize == 8)) {
    const double epsilon = itemsize == 4 ? float_epsilon : double_epsilon;
    // The library reads the bytes as native doubles / floats: a byte-swapped array (dtype '>f8'
    // on a little-endian machine, e.g. from a file) would be read as garbage, so swap it once.
    if (!is_native_byte_order(array.dtype().byteorder())) {
      return {array.attr("astype")(array.dtype().attr("newbyteorder")("=")), epsilon};
    }
    return {array, epsilon};
  }
  // Integers, booleans, float16 and long double: the library reads float32 or float64 only.
  // Integers and booleans convert exactly; float16 keeps its own epsilon (2^-10) for the sum check.
  if (kind == 'f' || kind == 'i' || kind == 'u' || kind == 'b') {
    const double epsilon = kind == 'f' && itemsize == 2 ? 0x1p-10 : double_epsilon;
    return {array.attr("astype")(py::dtype::of<double>()), epsilon};
  }
  throw py::type_error(prefix(function, name) + " has dtype " + py::str(array.dtype()).cast<std::string>() +
                       ", but must hold real numbers (float32 or float64)");
}

// An argument's shape and byte strides, aligned at the right to `ndim` axes (NumPy broadcasting
// prepends length-1 axes).
struct padded_layout {
  std::vector<py::ssize_t> shape;
  std::vector<py::ssize_t> strides;
};

padded_layout pad_layout(const py::array& array, std::size_t ndim) {
  padded_layout layout{std::vector<py::ssize_t>(ndim, 1), std::vector<py::ssize_t>(ndim, 0)};
  const auto own = static_cast<std::size_t>(array.ndim());
  for (std::size_t i = 0; i < own; ++i) {
    layout.shape[ndim - own + i] = array.shape(static_cast<py::ssize_t>(i));
    layout.strides[ndim - own + i] = array.strides(static_cast<py::ssize_t>(i));
  }
  return layout;
}

// The row stride, in elements, when the argument can be read in place as rows x cols with unit
// column stride: the distribution axis is contiguous and the batch axes (those longer than 1)
// nest into one stride, as in any C-contiguous array or a slice of rows. Nullopt otherwise.
std::optional<std::size_t> in_place_row_stride(const py::array& array, const padded_layout& layout,
                                               std::size_t axis) {
  const auto itemsize = array.itemsize();
  if (reinterpret_cast<std::uintptr_t>(array.data()) % static_cast<std::uintptr_t>(itemsize) != 0) return {};
  const py::ssize_t cols = layout.shape[axis];
  if (cols > 1 && layout.strides[axis] != itemsize) return {};

  bool has_rows = false;
  py::ssize_t row_stride = 0;
  py::ssize_t next_outer_stride = 0;  // the stride the next outer batch axis must have
  for (std::size_t d = layout.shape.size(); d-- > 0;) {
    if (d == axis || layout.shape[d] == 1) continue;
    if (!has_rows) {
      has_rows = true;
      row_stride = layout.strides[d];
    } else if (layout.strides[d] != next_outer_stride) {
      return {};
    }
    next_outer_stride = layout.strides[d] * layout.shape[d];
  }
  if (!has_rows) return static_cast<std::size_t>(cols);
  // Rows must not overlap or run backwards (the library reads row r at data + r * stride).
  if (row_stride <= 0 || row_stride % itemsize != 0 || row_stride / itemsize < cols) return {};
  return static_cast<std::size_t>(row_stride / itemsize);
}

distribution_view make_view(const py::array& array, std::size_t rows, std::size_t cols, std::size_t row_stride) {
  if (array.itemsize() == 8) {
    return matrix_view<const double>{static_cast<const double*>(array.data()), rows, cols, row_stride};
  }
  return matrix_view<const float>{static_cast<const float*>(array.data()), rows, cols, row_stride};
}

}  // namespace

prepared_call prepare_call(const char* function, const std::vector<py::handle>& values,
                           const std::vector<const char*>& names, int axis) {
  std::vector<py::array> arrays;
  std::size_t ndim = 0;
  double coarsest_epsilon = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    real_array converted = as_real_array(function, names[i], values[i]);
    coarsest_epsilon = std::max(coarsest_epsilon, converted.epsilon);
    arrays.push_back(std::move(converted.array));
    if (arrays.back().ndim() == 0) {
      throw py::value_error(prefix(function, names[i]) + " is a scalar, but must have at least one axis (a distribution)");
    }
    ndim = std::max(ndim, static_cast<std::size_t>(arrays.back().ndim()));
  }
  const bool any_double = std::any_of(arrays.begin(), arrays.end(), [](const py::array& a) { return a.itemsize() == 8; });
  const bool any_float = std::any_of(arrays.begin(), arrays.end(), [](const py::array& a) { return a.itemsize() == 4; });
  if (any_double && any_float) {
    for (auto& a : arrays) {
      if (a.itemsize() == 4) a = a.attr("astype")(py::dtype::of<double>());
    }
  }

  const auto signed_ndim = static_cast<int>(ndim);
  if (axis < -signed_ndim || axis >= signed_ndim) {
    throw py::value_error(std::string(function) + ": axis = " + std::to_string(axis) + ", but the arguments have " +
                          std::to_string(ndim) + " axes");
  }
  prepared_call call;
  call.distribution_axis = static_cast<std::size_t>(axis < 0 ? axis + signed_ndim : axis);
  const std::size_t dist_axis = call.distribution_axis;

  std::vector<padded_layout> layouts;
  for (const auto& a : arrays) layouts.push_back(pad_layout(a, ndim));

  // The distribution axis never broadcasts; the batch axes do.
  const py::ssize_t cols = layouts[0].shape[dist_axis];
  call.default_tolerance = std::max(1e-9, static_cast<double>(cols) * coarsest_epsilon);
  for (std::size_t i = 1; i < layouts.size(); ++i) {
    if (layouts[i].shape[dist_axis] != cols) {
      throw py::value_error(std::string(function) + ": " + names[0] + " has " + std::to_string(cols) + " entries along axis " +
                            std::to_string(axis) + " and " + names[i] + " has " +
                            std::to_string(layouts[i].shape[dist_axis]) + ", but they must match");
    }
  }
  for (std::size_t d = 0; d < ndim; ++d) {
    if (d == dist_axis) continue;
    py::ssize_t size = 1;
    for (std::size_t i = 0; i < layouts.size(); ++i) {
      const py::ssize_t s = layouts[i].shape[d];
      if (s == 1) continue;
      if (size != 1 && s != size) {
        std::string shapes;
        for (std::size_t j = 0; j < arrays.size(); ++j) {
          std::vector<py::ssize_t> shape(arrays[j].shape(), arrays[j].shape() + arrays[j].ndim());
          shapes += std::string(j > 0 ? " and " : "") + names[j] + " " + shape_text(shape);
        }
        throw py::value_error(std::string(function) + ": the batch axes of " + shapes + " do not broadcast (axis " +
                              std::to_string(axis) + " holds the distributions)");
      }
      size = s;
    }
    call.batch_shape.push_back(size);
    call.batch_size *= static_cast<std::size_t>(size);
  }
  if (call.batch_size == 0) return call;  // an empty batch: an empty result, nothing to read

  const auto numpy = py::module_::import("numpy");
  for (std::size_t i = 0; i < arrays.size(); ++i) {
    std::size_t own_rows = 1;
    for (std::size_t d = 0; d < ndim; ++d) {
      if (d != dist_axis) own_rows *= static_cast<std::size_t>(layouts[i].shape[d]);
    }
    distribution_argument argument{arrays[i]};
    const bool rows_match = own_rows == 1 || own_rows == call.batch_size;
    const auto stride = rows_match ? in_place_row_stride(arrays[i], layouts[i], dist_axis) : std::nullopt;
    if (stride) {
      argument.view = make_view(arrays[i], own_rows, static_cast<std::size_t>(cols), *stride);
    } else {
      // One copy, C-contiguous with the distributions last (and the batch broadcast when this
      // argument has neither one row nor all of them).
      py::array moved = numpy.attr("moveaxis")(arrays[i].reshape(layouts[i].shape), dist_axis, -1);
      std::size_t rows = own_rows;
      if (!rows_match) {
        std::vector<py::ssize_t> full = call.batch_shape;
        full.push_back(cols);
        moved = numpy.attr("broadcast_to")(moved, py::tuple(py::cast(full)));
        rows = call.batch_size;
      }
      argument.owner = numpy.attr("ascontiguousarray")(moved);
      argument.view = make_view(argument.owner, rows, static_cast<std::size_t>(cols), static_cast<std::size_t>(cols));
    }
    call.arguments.push_back(std::move(argument));
  }
  return call;
}

py::array_t<double> allocate_result(const prepared_call& call, bool keepdims) {
  std::vector<py::ssize_t> shape = call.batch_shape;
  if (keepdims) shape.insert(shape.begin() + static_cast<std::ptrdiff_t>(call.distribution_axis), 1);
  return py::array_t<double>(shape);
}

py::object finish_result(const prepared_call& call, py::array_t<double> result, bool keepdims) {
  if (!keepdims && call.batch_shape.empty()) return py::float_(*result.data());
  return result;
}

}  // namespace kullback::python
