#include "matrix_reader.hpp"

#include <bit>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kullback::cli {

namespace {

constexpr std::string_view npy_magic = "\x93NUMPY";
constexpr std::string_view blanks = " \t\r\v\f";

bool is_blank(char c) { return blanks.find(c) != std::string_view::npos; }

// A token shown in a message: at most 40 bytes, so a binary file does not flood the terminal.
std::string shown(std::string_view token) {
  if (token.size() <= 40) return std::string(token);
  return std::string(token.substr(0, 40)) + "...";
}

[[noreturn]] void fail_at(const std::string& name, std::size_t line, std::size_t column, const std::string& what) {
  throw read_error(fmt::format("{}:{}:{}: {}", name, line, column, what));
}

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw read_error(fmt::format("{}: {}", name, what));
}

// ---------------------------------------------------------------------------------------------
// Text

struct field {
  std::string_view text;
  std::size_t column;  // 1-based byte column of the field's first character
};

double parse_number(const field& f, const std::string& name, std::size_t line, bool first_row) {
  std::string_view t = f.text;
  if (t.size() > 1 && t[0] == '+' && t[1] != '+' && t[1] != '-') t.remove_prefix(1);  // from_chars rejects '+'
  double value = 0.0;
  const char* end = t.data() + t.size();
  auto [ptr, ec] = std::from_chars(t.data(), end, value);
  if (ec == std::errc::invalid_argument || ptr != end) {
    std::string hint = first_row ? " (a header row? comment it out with '#')" : "";
    fail_at(name, line, f.column, fmt::format("malformed number '{}'{}", shown(f.text), hint));
  }
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports underflow and overflow alike; a value too small for a double is 0 (or a
    // subnormal), as every other reader makes it, while one too large is an error.
    std::string copy(t);
    double v = std::strtod(copy.c_str(), nullptr);
    if (std::isinf(v))
      fail_at(name, line, f.column, fmt::format("number '{}' is too large for a double", shown(f.text)));
    value = v;
  }
  return value;
}

void split_csv(std::string_view line, std::vector<field>& out, const std::string& name, std::size_t line_no) {
  std::size_t start = 0;
  while (true) {
    std::size_t comma = line.find(',', start);
    std::size_t stop = comma == std::string_view::npos ? line.size() : comma;
    std::size_t b = start, e = stop;
    while (b < e && is_blank(line[b])) ++b;
    while (e > b && is_blank(line[e - 1])) --e;
    if (b == e) fail_at(name, line_no, b + 1, "empty field");
    out.push_back({line.substr(b, e - b), b + 1});
    if (comma == std::string_view::npos) return;
    start = comma + 1;
  }
}

void split_whitespace(std::string_view line, std::vector<field>& out) {
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i == line.size()) return;
    std::size_t b = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    out.push_back({line.substr(b, i - b), b + 1});
  }
}

// ---------------------------------------------------------------------------------------------
// .npy header: a Python dict literal such as
//   {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }

struct py_value {
  enum class kind { string, boolean, tuple, other } k = kind::other;
  std::string text;                 // string
  bool flag = false;                // boolean
  std::vector<std::uint64_t> ints;  // tuple of non-negative integers
};

class header_parser {
 public:
  header_parser(std::string_view text, const std::string& name) : s_(text), name_(name) {}

  // Returns the three keys numpy writes; others are ignored.
  void parse(std::optional<py_value>& descr, std::optional<py_value>& fortran, std::optional<py_value>& shape) {
    expect('{');
    while (true) {
      skip();
      if (peek() == '}') break;
      std::string key = parse_string();
      expect(':');
      py_value v = parse_value();
      if (key == "descr")
        descr = v;
      else if (key == "fortran_order")
        fortran = v;
      else if (key == "shape")
        shape = v;
      skip();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect('}');
      return;
    }
    ++pos_;
  }

 private:
  [[noreturn]] void bad(const std::string& what) const {
    fail(name_, fmt::format(".npy header is malformed ({} at byte {} of '{}')", what, pos_, shown(s_)));
  }
  void skip() {
    while (pos_ < s_.size() && (is_blank(s_[pos_]) || s_[pos_] == '\n')) ++pos_;
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void expect(char c) {
    skip();
    if (peek() != c) bad(fmt::format("expected '{}'", c));
    ++pos_;
  }
  std::string parse_string() {
    skip();
    char quote = peek();
    if (quote != '\'' && quote != '"') bad("expected a string");
    std::size_t end = s_.find(quote, pos_ + 1);
    if (end == std::string_view::npos) bad("unterminated string");
    std::string out(s_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end + 1;
    return out;
  }
  bool starts_with(std::string_view word) const { return s_.substr(pos_).starts_with(word); }
  std::uint64_t parse_int() {
    skip();
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(s_.data() + pos_, s_.data() + s_.size(), v);
    if (ec != std::errc()) bad("expected a non-negative integer");
    pos_ = static_cast<std::size_t>(ptr - s_.data());
    if (peek() == 'L') ++pos_;  // written by Python 2
    return v;
  }
  // Skips a bracketed value we do not interpret (a structured dtype's list, a nested tuple).
  void skip_bracketed() {
    int depth = 0;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\'' || c == '"') {
        parse_string();
        continue;
      }
      if (c == '(' || c == '[' || c == '{') ++depth;
      if (c == ')' || c == ']' || c == '}') --depth;
      ++pos_;
      if (depth == 0) return;
    }
    bad("unbalanced brackets");
  }
  py_value parse_value() {
    skip();
    py_value v;
    char c = peek();
    if (c == '\'' || c == '"') {
      v.k = py_value::kind::string;
      v.text = parse_string();
    } else if (starts_with("True") || starts_with("False")) {
      v.k = py_value::kind::boolean;
      v.flag = starts_with("True");
      pos_ += v.flag ? 4 : 5;
    } else if (c == '(') {
      std::size_t open = pos_;
      ++pos_;
      skip();
      v.k = py_value::kind::tuple;
      while (peek() != ')') {
        if (peek() < '0' || peek() > '9') {  // not a tuple of integers
          pos_ = open;
          skip_bracketed();
          v.k = py_value::kind::other;
          return v;
        }
        v.ints.push_back(parse_int());
        skip();
        if (peek() == ',') {
          ++pos_;
          skip();
          continue;
        }
        if (peek() != ')') bad("expected ',' or ')'");
      }
      ++pos_;
    } else if (c == '[' || c == '{') {
      skip_bracketed();
    } else {
      bad("unexpected value");
    }
    return v;
  }

  std::string_view s_;
  const std::string& name_;
  std::size_t pos_ = 0;
};

std::string shape_string(const std::vector<std::uint64_t>& shape) {
  if (shape.size() == 1) return fmt::format("({},)", shape[0]);
  return fmt::format("({})", fmt::join(shape, ", "));
}

template <class T>
void copy_little_endian(std::string_view bytes, std::vector<T>& out) {
  out.resize(bytes.size() / sizeof(T));
  std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
  if constexpr (std::endian::native == std::endian::big) {
    for (T& x : out) {
      unsigned char* b = reinterpret_cast<unsigned char*>(&x);
      for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(b[i], b[sizeof(T) - 1 - i]);
    }
  }
}

std::string read_stream(std::FILE* f, const std::string& name) {
  std::string bytes;
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) bytes.append(buffer, n);
  if (std::ferror(f)) fail(name, fmt::format("cannot read: {}", std::strerror(errno)));
  return bytes;
}

}  // namespace

kullback::distribution_view matrix::view() const {
  if (type == kullback::element_type::f32)
    return kullback::matrix_view<const float>{.data = f32.data(), .rows = rows, .cols = cols};
  return kullback::matrix_view<const double>{.data = f64.data(), .rows = rows, .cols = cols};
}

void matrix::promote_to_f64() {
  if (type == kullback::element_type::f64) return;
  f64.assign(f32.begin(), f32.end());
  f32 = {};
  type = kullback::element_type::f64;
}

matrix parse_text(std::string_view text, const std::string& name) {
  matrix m;
  m.name = name;
  m.type = kullback::element_type::f64;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte-order mark (spreadsheet exports)

  enum class separator { unknown, comma, whitespace } sep = separator::unknown;
  std::vector<field> fields;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    if (line.find_first_not_of(blanks) == std::string_view::npos) continue;

    if (sep == separator::unknown)
      sep = line.find(',') != std::string_view::npos ? separator::comma : separator::whitespace;
    fields.clear();
    if (sep == separator::comma)
      split_csv(line, fields, name, line_no);
    else
      split_whitespace(line, fields);

    const bool first_row = m.rows == 0;
    if (first_row) {
      m.cols = fields.size();
    } else if (fields.size() != m.cols) {
      std::size_t column = fields.size() > m.cols ? fields[m.cols].column : line.find_last_not_of(blanks) + 2;
      fail_at(name, line_no, column,
              fmt::format("ragged rows: this row has {} values, but the first row (line {}) has {}", fields.size(),
                          m.row_lines.front(), m.cols));
    }
    for (const field& f : fields) m.f64.push_back(parse_number(f, name, line_no, first_row));
    m.row_lines.push_back(line_no);
    ++m.rows;
  }
  if (m.rows == 0) fail(name, text.empty() ? "empty file" : "no data (only blank lines and comments)");
  return m;
}

matrix parse_npy(std::string_view bytes, const std::string& name) {
  if (!bytes.starts_with(npy_magic)) fail(name, "not a .npy file (the \\x93NUMPY magic string is missing)");
  if (bytes.size() < 10) fail(name, ".npy file is truncated inside its preamble");
  const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
  const unsigned major = byte(6), minor = byte(7);
  std::size_t header_len = 0, header_start = 0;
  if (major == 1) {
    header_len = byte(8) | byte(9) << 8;
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) fail(name, ".npy file is truncated inside its preamble");
    header_len = byte(8) | byte(9) << 8 | byte(10) << 16 | byte(11) << 24;
    header_start = 12;
  } else {
    fail(name, fmt::format(".npy format version {}.{} is not supported (1.0, 2.0 and 3.0 are)", major, minor));
  }
  if (bytes.size() - header_start < header_len) fail(name, ".npy file is truncated inside its header");

  std::optional<py_value> descr, fortran, shape;
  header_parser(bytes.substr(header_start, header_len), name).parse(descr, fortran, shape);
  if (!descr || descr->k != py_value::kind::string)
    fail(name, descr ? "unsupported dtype: a structured array (need a plain float32 or float64 array)"
                     : ".npy header has no 'descr'");
  if (!fortran || fortran->k != py_value::kind::boolean) fail(name, ".npy header has no valid 'fortran_order'");
  if (!shape || shape->k != py_value::kind::tuple) fail(name, ".npy header has no valid 'shape'");

  matrix m;
  m.name = name;
  std::size_t item = 0;
  if (descr->text == "<f8") {
    m.type = kullback::element_type::f64;
    item = 8;
  } else if (descr->text == "<f4") {
    m.type = kullback::element_type::f32;
    item = 4;
  } else if (descr->text == ">f8" || descr->text == ">f4") {
    fail(name, fmt::format("big-endian dtype '{}' is not supported (convert with a.astype('<{}'))", descr->text,
                           descr->text.substr(1)));
  } else {
    fail(name, fmt::format("dtype '{}' is not supported: need float32 ('<f4') or float64 ('<f8') "
                           "(convert with a.astype(np.float64))",
                           descr->text));
  }

  const auto& dims = shape->ints;
  if (dims.empty() || dims.size() > 2)
    fail(name, fmt::format("array of shape {} is not supported: need 1-D (one distribution) or 2-D (one per row)",
                           shape_string(dims)));
  m.rows = dims.size() == 1 ? 1 : dims[0];
  m.cols = dims.back();
  if (m.rows == 0 || m.cols == 0) fail(name, fmt::format("empty array of shape {}", shape_string(dims)));
  if (fortran->flag && m.rows > 1 && m.cols > 1)
    fail(name, "Fortran-order (column-major) arrays are not supported (save np.ascontiguousarray(a))");

  const std::string_view data = bytes.substr(header_start + header_len);
  const std::size_t limit = std::numeric_limits<std::size_t>::max() / item;
  if (m.cols > limit / m.rows) fail(name, fmt::format("array of shape {} is too large", shape_string(dims)));
  const std::size_t need = m.rows * m.cols * item;
  if (data.size() < need)
    fail(name, fmt::format(".npy data is truncated: shape {} of '{}' needs {} bytes, the file has {}",
                           shape_string(dims), descr->text, need, data.size()));
  if (data.size() > need)
    fail(name,
         fmt::format(".npy file has {} bytes after the data of shape {}", data.size() - need, shape_string(dims)));
  if (m.type == kullback::element_type::f64)
    copy_little_endian(data, m.f64);
  else
    copy_little_endian(data, m.f32);
  return m;
}

matrix parse_matrix(std::string_view bytes, const std::string& name) {
  if (bytes.starts_with(npy_magic)) return parse_npy(bytes, name);
  if (name.ends_with(".npy")) return parse_npy(bytes, name);  // reports the missing magic string
  return parse_text(bytes, name);
}

matrix read_matrix(const std::string& path) {
  if (path == "-") return parse_matrix(read_stream(stdin, "<stdin>"), "<stdin>");
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(path, "cannot read: is a directory");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) fail(path, fmt::format("cannot open: {}", std::strerror(errno)));
  std::string bytes;
  try {
    bytes = read_stream(f, path);
  } catch (...) {
    std::fclose(f);
    throw;
  }
  std::fclose(f);
  return parse_matrix(bytes, path);
}

}  // namespace kullback::cli
