// Tests of the kullback command's file reader (apps/cli/matrix_reader.hpp): text (CSV and
// whitespace) and .npy, and the file:line:column messages of every malformed input.
#include "matrix_reader.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

using kullback::cli::matrix;
using kullback::cli::parse_matrix;
using kullback::cli::parse_npy;
using kullback::cli::parse_text;
using kullback::cli::read_error;
using kullback::cli::read_matrix;

// The message of the read_error that F throws (fails the test if none is thrown).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const read_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no read_error thrown";
  return {};
}

// Bytes of a .npy file (format 1.0) with the given header fields and raw data, laid out as
// numpy.save does: the header is padded with spaces and a newline to a multiple of 64 bytes.
std::string npy_bytes(const std::string& descr, const std::string& shape, const std::string& data, bool fortran = false,
                      int major = 1) {
  std::string header =
      "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
  const std::size_t preamble = major == 1 ? 10 : 12;
  while ((preamble + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += '\0';
  const std::size_t n = header.size();
  out += static_cast<char>(n & 0xff);
  out += static_cast<char>((n >> 8) & 0xff);
  if (major != 1) {
    out += static_cast<char>((n >> 16) & 0xff);
    out += static_cast<char>((n >> 24) & 0xff);
  }
  return out + header + data;
}

template <class T>
std::string raw(const std::vector<T>& values) {  // little-endian host assumed by the test
  return std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

TEST(MatrixReaderText, Csv) {
  matrix m = parse_text("0.25,0.75\n0.5, 0.5\n", "p.csv");
  EXPECT_EQ(m.rows, 2u);
  EXPECT_EQ(m.cols, 2u);
  EXPECT_EQ(m.type, kullback::element_type::f64);
  EXPECT_EQ(m.f64, (std::vector<double>{0.25, 0.75, 0.5, 0.5}));
  EXPECT_EQ(m.row_lines, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(m.name, "p.csv");
}

TEST(MatrixReaderText, WhitespaceTabsAndCrlf) {
  matrix m = parse_text("  0.1\t0.2   0.7\r\n0.3 0.3 0.4", "p.txt");
  EXPECT_EQ(m.rows, 2u);
  EXPECT_EQ(m.cols, 3u);
  EXPECT_EQ(m.f64, (std::vector<double>{0.1, 0.2, 0.7, 0.3, 0.3, 0.4}));
}

TEST(MatrixReaderText, CommentsAndBlankLinesAreSkipped) {
  matrix m = parse_text("# header comment\n\n   \n0.5,0.5  # trailing comment\n  # indented comment\n1,0\n\n", "p.csv");
  EXPECT_EQ(m.rows, 2u);
  EXPECT_EQ(m.cols, 2u);
  EXPECT_EQ(m.f64, (std::vector<double>{0.5, 0.5, 1.0, 0.0}));
  EXPECT_EQ(m.row_lines, (std::vector<std::size_t>{4, 6}));
}

TEST(MatrixReaderText, NumberSpellings) {
  matrix m = parse_text("+1.5 -2 1e-3 .5 5. 1E+2 1e-400\n", "x");
  ASSERT_EQ(m.cols, 7u);
  EXPECT_EQ(m.f64[0], 1.5);
  EXPECT_EQ(m.f64[1], -2.0);
  EXPECT_EQ(m.f64[2], 1e-3);
  EXPECT_EQ(m.f64[3], 0.5);
  EXPECT_EQ(m.f64[4], 5.0);
  EXPECT_EQ(m.f64[5], 100.0);
  EXPECT_EQ(m.f64[6], 0.0);  // underflow reads as zero
}

TEST(MatrixReaderText, NanAndInfAreReadSoTheLibraryCanRejectThem) {
  matrix m = parse_text("nan,inf,-inf,NaN,Infinity\n", "x.csv");
  ASSERT_EQ(m.cols, 5u);
  EXPECT_TRUE(std::isnan(m.f64[0]));
  EXPECT_EQ(m.f64[1], INFINITY);
  EXPECT_EQ(m.f64[2], -INFINITY);
  EXPECT_TRUE(std::isnan(m.f64[3]));
  EXPECT_EQ(m.f64[4], INFINITY);
}

TEST(MatrixReaderText, ByteOrderMarkIsSkipped) {
  matrix m = parse_text(std::string("\xEF\xBB\xBF") + "0.5,0.5\n", "x.csv");
  EXPECT_EQ(m.f64, (std::vector<double>{0.5, 0.5}));
}

TEST(MatrixReaderText, MalformedNumberNamesLineAndColumn) {
  EXPECT_EQ(error_of([] { parse_text("0.5,0.5\n0.25, 0.7x5\n", "p.csv"); }), "p.csv:2:7: malformed number '0.7x5'");
  EXPECT_EQ(error_of([] { parse_text("0.1 0.2\n0.3 --0.4\n", "p.txt"); }), "p.txt:2:5: malformed number '--0.4'");
  EXPECT_EQ(error_of([] { parse_text("0.5 1.5e\n", "p.txt"); }),
            "p.txt:1:5: malformed number '1.5e' (a header row? comment it out with '#')");
  EXPECT_EQ(error_of([] { parse_text("1 1e999\n", "p.txt"); }), "p.txt:1:3: number '1e999' is too large for a double");
}

TEST(MatrixReaderText, HeaderRowGetsAHint) {
  EXPECT_EQ(error_of([] { parse_text("a,b\n0.5,0.5\n", "p.csv"); }),
            "p.csv:1:1: malformed number 'a' (a header row? comment it out with '#')");
}

TEST(MatrixReaderText, EmptyCsvField) {
  EXPECT_EQ(error_of([] { parse_text("0.5,,0.5\n", "p.csv"); }), "p.csv:1:5: empty field");
  EXPECT_EQ(error_of([] { parse_text("0.5,0.5,\n", "p.csv"); }), "p.csv:1:9: empty field");
}

TEST(MatrixReaderText, RaggedRows) {
  EXPECT_EQ(error_of([] { parse_text("0.2,0.3,0.5\n# c\n0.5,0.25,0.125,0.125\n", "p.csv"); }),
            "p.csv:3:16: ragged rows: this row has 4 values, but the first row (line 1) has 3");
  EXPECT_EQ(error_of([] { parse_text("0.2 0.3 0.5\n0.5 0.5  \n", "p.txt"); }),
            "p.txt:2:8: ragged rows: this row has 2 values, but the first row (line 1) has 3");
}

TEST(MatrixReaderText, EmptyFile) {
  EXPECT_EQ(error_of([] { parse_text("", "p.csv"); }), "p.csv: empty file");
  EXPECT_EQ(error_of([] { parse_text("# only a comment\n\n  \n", "p.csv"); }),
            "p.csv: no data (only blank lines and comments)");
}

TEST(MatrixReaderNpy, Float64OneDimensional) {
  std::vector<double> v{0.125, 0.375, 0.5};
  matrix m = parse_npy(npy_bytes("<f8", "(3,)", raw(v)), "p.npy");
  EXPECT_EQ(m.type, kullback::element_type::f64);
  EXPECT_EQ(m.rows, 1u);
  EXPECT_EQ(m.cols, 3u);
  EXPECT_EQ(m.f64, v);
  EXPECT_TRUE(m.row_lines.empty());
}

TEST(MatrixReaderNpy, Float32TwoDimensional) {
  std::vector<float> v{0.25f, 0.75f, 0.5f, 0.5f, 1.0f, 0.0f};
  matrix m = parse_npy(npy_bytes("<f4", "(3, 2)", raw(v)), "p.npy");
  EXPECT_EQ(m.type, kullback::element_type::f32);
  EXPECT_EQ(m.rows, 3u);
  EXPECT_EQ(m.cols, 2u);
  EXPECT_EQ(m.f32, v);
  EXPECT_TRUE(m.f64.empty());
  m.promote_to_f64();
  EXPECT_EQ(m.type, kullback::element_type::f64);
  EXPECT_EQ(m.f64, (std::vector<double>{0.25, 0.75, 0.5, 0.5, 1.0, 0.0}));
}

TEST(MatrixReaderNpy, Float64TwoDimensionalFormat2) {
  std::vector<double> v{0.5, 0.5, 0.1, 0.9};
  matrix m = parse_npy(npy_bytes("<f8", "(2, 2)", raw(v), false, 2), "p.npy");
  EXPECT_EQ(m.rows, 2u);
  EXPECT_EQ(m.f64, v);
}

TEST(MatrixReaderNpy, FormatIsDetectedByContentNotName) {
  std::vector<double> v{0.5, 0.5};
  matrix m = parse_matrix(npy_bytes("<f8", "(2,)", raw(v)), "<stdin>");
  EXPECT_EQ(m.f64, v);
  EXPECT_EQ(error_of([] { parse_matrix("0.5 0.5\n", "p.npy"); }),
            "p.npy: not a .npy file (the \\x93NUMPY magic string is missing)");
}

TEST(MatrixReaderNpy, BadHeaders) {
  const std::string d8 = raw(std::vector<double>{0.5, 0.5});
  EXPECT_EQ(error_of([&] { parse_npy(npy_bytes("<i8", "(2,)", d8), "p.npy"); }),
            "p.npy: dtype '<i8' is not supported: need float32 ('<f4') or float64 ('<f8') "
            "(convert with a.astype(np.float64))");
  EXPECT_EQ(error_of([&] { parse_npy(npy_bytes(">f8", "(2,)", d8), "p.npy"); }),
            "p.npy: big-endian dtype '>f8' is not supported (convert with a.astype('<f8'))");
  EXPECT_EQ(error_of([&] { parse_npy(npy_bytes("<f8", "(1, 1, 2)", d8), "p.npy"); }),
            "p.npy: array of shape (1, 1, 2) is not supported: need 1-D (one distribution) or 2-D (one per row)");
  EXPECT_EQ(error_of([&] { parse_npy(npy_bytes("<f8", "()", std::string(8, '\0')), "p.npy"); }),
            "p.npy: array of shape () is not supported: need 1-D (one distribution) or 2-D (one per row)");
  EXPECT_EQ(error_of([&] { parse_npy(npy_bytes("<f8", "(0, 2)", ""), "p.npy"); }),
            "p.npy: empty array of shape (0, 2)");
  EXPECT_EQ(error_of([&] { parse_npy(npy_bytes("<f8", "(2, 2)", d8 + d8, true), "p.npy"); }),
            "p.npy: Fortran-order (column-major) arrays are not supported (save np.ascontiguousarray(a))");
  EXPECT_EQ(error_of([&] { parse_npy(npy_bytes("<f8", "(3,)", d8), "p.npy"); }),
            "p.npy: .npy data is truncated: shape (3,) of '<f8' needs 24 bytes, the file has 16");
  EXPECT_EQ(error_of([&] { parse_npy(npy_bytes("<f8", "(1,)", d8), "p.npy"); }),
            "p.npy: .npy file has 8 bytes after the data of shape (1,)");
  EXPECT_EQ(error_of([] { parse_npy("\x93NUMPY\x01", "p.npy"); }), "p.npy: .npy file is truncated inside its preamble");
  EXPECT_EQ(error_of([] { parse_npy(std::string("\x93NUMPY\x07\x00\x00\x00", 10), "p.npy"); }),
            "p.npy: .npy format version 7.0 is not supported (1.0, 2.0 and 3.0 are)");
  std::string truncated = npy_bytes("<f8", "(2,)", d8).substr(0, 30);
  EXPECT_EQ(error_of([&] { parse_npy(truncated, "p.npy"); }), "p.npy: .npy file is truncated inside its header");
  // A header that is not a dict.
  std::string garbage = npy_bytes("<f8", "(2,)", d8);
  garbage[10] = '[';
  EXPECT_NE(error_of([&] { parse_npy(garbage, "p.npy"); }).find("p.npy: .npy header is malformed (expected '{'"),
            std::string::npos);
  // A structured dtype (descr is a list).
  std::string header = "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }";
  std::string structured = npy_bytes("<f8", "(2,)", d8);
  structured.replace(10, header.size(), header);
  EXPECT_EQ(error_of([&] { parse_npy(structured, "p.npy"); }),
            "p.npy: unsupported dtype: a structured array (need a plain float32 or float64 array)");
}

TEST(MatrixReaderNpy, OneDimensionalFortranOrderIsTheSameLayout) {
  std::vector<double> v{0.5, 0.5};
  matrix m = parse_npy(npy_bytes("<f8", "(2,)", raw(v), true), "p.npy");
  EXPECT_EQ(m.f64, v);
}

TEST(MatrixReaderFiles, ReadsFilesAndReportsMissingOnes) {
  const auto dir = std::filesystem::temp_directory_path() / "kullback_matrix_reader_test";
  std::filesystem::create_directories(dir);
  const std::string csv = (dir / "p.csv").string();
  std::ofstream(csv) << "0.5,0.5\n0.25,0.75\n";
  matrix m = read_matrix(csv);
  EXPECT_EQ(m.rows, 2u);
  EXPECT_EQ(m.name, csv);

  const std::string npy = (dir / "p.npy").string();
  std::ofstream(npy, std::ios::binary) << npy_bytes("<f4", "(2,)", raw(std::vector<float>{0.5f, 0.5f}));
  EXPECT_EQ(read_matrix(npy).f32, (std::vector<float>{0.5f, 0.5f}));

  const std::string missing = (dir / "missing.csv").string();
  EXPECT_EQ(error_of([&] { read_matrix(missing); }), missing + ": cannot open: No such file or directory");
  EXPECT_EQ(error_of([&] { read_matrix(dir.string()); }), dir.string() + ": cannot read: is a directory");
  std::filesystem::remove_all(dir);
}

TEST(MatrixReaderView, ViewDescribesTheRows) {
  matrix m = parse_text("0.5 0.5\n0.25 0.75\n0.1 0.9\n", "p.txt");
  kullback::distribution_view v = m.view();
  EXPECT_EQ(v.rows(), 3u);
  EXPECT_EQ(v.cols(), 2u);
  EXPECT_EQ(v.row_stride(), 2u);
  EXPECT_EQ(v.type(), kullback::element_type::f64);
  EXPECT_EQ(v.data(), m.f64.data());
}

}  // namespace
